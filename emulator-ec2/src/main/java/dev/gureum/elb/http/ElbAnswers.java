package dev.gureum.elb.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What a load balancer itself answers: its error pages, fixed responses and redirects, as {@code awselb/2.0}. */
final class ElbAnswers {

    static final HttpString SERVER = Headers.SERVER;

    private ElbAnswers() {
    }

    /** AWS's error page of a status the load balancer answers itself (502, 503, 504, 400...). */
    static void error(HttpServerExchange exchange, int status) {
        String title = switch (status) {
            case 400 -> "400 Bad Request";
            case 404 -> "404 Not Found";
            case 413 -> "413 Request Entity Too Large";
            case 463 -> "463";
            case 500 -> "500 Internal Server Error";
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Temporarily Unavailable";
            case 504 -> "504 Gateway Time-out";
            default -> status + " Error";
        };
        send(exchange, status, "text/html", "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>"
                + title + "</h1></center>\r\n</body>\r\n</html>\r\n");
    }

    static void send(HttpServerExchange exchange, int status, String contentType, String body) {
        if (exchange.isResponseStarted()) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(SERVER, "awselb/2.0");
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType + "; charset=utf-8");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
