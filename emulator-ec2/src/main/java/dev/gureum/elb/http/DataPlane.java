package dev.gureum.elb.http;

import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.ListenerRule;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.RequestFacts;
import dev.gureum.elb.domain.RuleAction;
import dev.gureum.elb.domain.RuleCondition;
import dev.gureum.elb.domain.TargetGroup;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A load balancer's answer to one request on one of its listeners: the listener's rules by priority, then
 * its default actions; a forward picks a target group by weight and a target in it, and sends the request
 * to the target: its address ({@code ip}), its instance's workload ({@code instance}) or its function
 * ({@code lambda}).
 */
public final class DataPlane {

    private static final HttpString X_FORWARDED_PROTO = HttpString.tryFromString("X-Forwarded-Proto");
    private static final HttpString X_FORWARDED_PORT = HttpString.tryFromString("X-Forwarded-Port");
    private static final HttpString X_AMZN_TRACE_ID = HttpString.tryFromString("X-Amzn-Trace-Id");
    private static final HttpString X_FORWARDED_FOR = HttpString.tryFromString("X-Forwarded-For");
    private static final int MAX_FORWARDED_ADDRESSES = 30;

    private final ElbStore store;
    private final TargetSelection selection;
    private final Supplier<Optional<FunctionInvoker>> functions;
    private final Supplier<Optional<InstanceWorkloads>> workloads;
    private final ElbMetrics metrics;
    private final Clock clock;
    private final TargetProxy proxy = new TargetProxy();
    private final IpTargetAddresses ipAddresses = new IpTargetAddresses();

    DataPlane(ElbStore store, TargetSelection selection, Supplier<Optional<FunctionInvoker>> functions,
              Supplier<Optional<InstanceWorkloads>> workloads, ElbMetrics metrics, Clock clock) {
        this.store = store;
        this.selection = selection;
        this.functions = functions;
        this.workloads = workloads;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The listener a request through Gureum's port reaches: the one on the port it named, else port 80, else the first. */
    Listener listenerFor(LoadBalancer lb, int port) {
        List<Listener> listeners = store.listeners(lb.arn());
        for (Listener l : listeners) {
            if (l.port() == port) {
                return l;
            }
        }
        for (Listener l : listeners) {
            if (l.port() == 80) {
                return l;
            }
        }
        return listeners.isEmpty() ? null : listeners.get(0);
    }

    /** Answers the exchange (on its IO thread) as the listener of the load balancer would. */
    void serve(HttpServerExchange exchange, LoadBalancer lb, Listener listener, int clientPort) throws Exception {
        if (forwardedByTooMany(exchange)) {
            metrics.request(lb, null, 0, 463, -1, 0);
            ElbAnswers.error(exchange, 463);
            return;
        }
        RuleAction action = actionFor(exchange, listener);
        if (action == null) {
            metrics.request(lb, null, 0, 503, -1, 0);
            ElbAnswers.error(exchange, 503);
            return;
        }
        switch (action.type()) {
            case "fixed-response" -> {
                RuleAction.FixedResponse f = action.fixedResponse();
                int status = Integer.parseInt(f.statusCode());
                // counted before the answer, which the client may act on at once
                metrics.request(lb, null, 0, status, -1, 0);
                metrics.count(lb, "HTTP_Fixed_Response_Count");
                ElbAnswers.send(exchange, status, f.contentType(), f.messageBody());
            }
            case "redirect" -> {
                exchange.getResponseHeaders().put(Headers.LOCATION, redirect(exchange, action.redirect(), listener, clientPort));
                int status = action.redirect().statusCode().equals("HTTP_301") ? 301 : 302;
                metrics.request(lb, null, 0, status, -1, 0);
                metrics.count(lb, "HTTP_Redirect_Count");
                ElbAnswers.send(exchange, status, "text/html", null);
            }
            default -> forward(exchange, lb, listener, action, clientPort);
        }
    }

    /**
     * AWS answers 463 to a request whose {@code X-Forwarded-For} names more than 30 addresses, which also ends a
     * load balancer forwarding to itself (a target that is its own listener).
     */
    private static boolean forwardedByTooMany(HttpServerExchange exchange) {
        HeaderValues forwarded = exchange.getRequestHeaders().get(X_FORWARDED_FOR);
        if (forwarded == null) {
            return false;
        }
        int addresses = 0;
        for (String value : forwarded) {
            addresses += value.split(",").length;
        }
        return addresses > MAX_FORWARDED_ADDRESSES;
    }

    private RuleAction actionFor(HttpServerExchange exchange, Listener listener) {
        List<ListenerRule> rules = store.rules(listener.arn());
        List<RuleAction> actions = listener.defaultActions();
        if (!rules.isEmpty()) {
            RequestFacts facts = facts(exchange);
            for (ListenerRule rule : rules) {
                if (facts.matches(rule.conditions())) {
                    actions = rule.actions();
                    break;
                }
            }
        }
        RuleAction first = null;
        for (RuleAction a : actions) {
            if (first == null || a.order() < first.order()) {
                first = a;
            }
        }
        return first;
    }

    private static RequestFacts facts(HttpServerExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.computeIfAbsent(values.getHeaderName().toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(values);
        }
        List<RuleCondition.QueryPair> query = new ArrayList<>();
        exchange.getQueryParameters().forEach((k, values) -> values.forEach(v -> query.add(new RuleCondition.QueryPair(
                decode(k), decode(v)))));
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host != null && host.lastIndexOf(':') > host.lastIndexOf(']')) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        InetSocketAddress source = exchange.getSourceAddress();
        return new RequestFacts(exchange.getRequestMethod().toString(), exchange.getRequestPath(), host, headers, query,
                source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress());
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The Location of a redirect, its {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}}, {@code #{query}} filled in. */
    static String redirect(HttpServerExchange exchange, RuleAction.Redirect r, Listener listener, int clientPort) {
        String requestProtocol = listener.protocol().equals("HTTPS") ? "HTTPS" : "HTTP";
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null) {
            host = exchange.getHostName();
        } else if (host.lastIndexOf(':') > host.lastIndexOf(']')) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        String path = exchange.getRequestPath();
        String query = exchange.getQueryString() == null ? "" : exchange.getQueryString();
        String protocol = fill(r.protocol(), requestProtocol, host, clientPort, path, query).toLowerCase(Locale.ROOT);
        String port = fill(r.port(), requestProtocol, host, clientPort, path, query);
        String target = fill(r.host(), requestProtocol, host, clientPort, path, query);
        String newPath = fill(r.path(), requestProtocol, host, clientPort, path, query);
        String newQuery = fill(r.query(), requestProtocol, host, clientPort, path, query);
        boolean defaultPort = protocol.equals("http") && port.equals("80") || protocol.equals("https") && port.equals("443");
        return protocol + "://" + target + (defaultPort ? "" : ":" + port) + newPath.replace("//", "/")
                + (newQuery.isEmpty() ? "" : "?" + newQuery);
    }

    private static String fill(String template, String protocol, String host, int port, String path, String query) {
        return template.replace("#{protocol}", protocol).replace("#{host}", host).replace("#{port}", String.valueOf(port))
                .replace("#{path}", path.startsWith("/") ? path.substring(1) : path).replace("#{query}", query);
    }

    private void forward(HttpServerExchange exchange, LoadBalancer lb, Listener listener, RuleAction action,
                         int clientPort) throws Exception {
        TargetGroup tg = pickGroup(exchange, action);
        if (tg == null) {
            metrics.request(lb, null, 0, 503, -1, 0);
            ElbAnswers.error(exchange, 503);
            return;
        }
        TargetSelection.Choice choice = stickyTarget(exchange, tg);
        if (choice == null) {
            choice = selection.choose(tg);
        }
        if (choice == null) {
            metrics.request(lb, tg, 0, 503, -1, 0);
            ElbAnswers.error(exchange, 503);
            return;
        }
        Registration target = choice.target();
        if ("app_cookie".equals(stickiness(tg))) {
            stickOnApplicationCookie(exchange, tg, target);
        }
        if ("lb_cookie".equals(stickiness(tg))) {
            stick(exchange, "AWSALB", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    target.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Integer.parseInt(tg.attribute("stickiness.lb_cookie.duration_seconds")));
        }
        int candidates = choice.candidates();
        long start = System.nanoTime();
        selection.started(target);
        // a request is outstanding until its target has answered: by the time its client reads the answer
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        exchange.addResponseCommitListener(ex -> {
            if (answered.compareAndSet(false, true)) {
                selection.finished(target);
            }
        });
        exchange.addExchangeCompleteListener((ex, next) -> {
            if (answered.compareAndSet(false, true)) {
                selection.finished(target);
            }
            Integer own = ex.getAttachment(TargetProxy.ELB_STATUS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (own != null) {
                metrics.request(lb, tg, 0, own, -1, candidates);
            } else {
                metrics.request(lb, tg, ex.getStatusCode(), 0, seconds, candidates);
            }
            if (tg.targetType().equals("instance")) {
                long bytes = Math.max(0, ex.getRequestContentLength()) + ex.getResponseBytesSent();
                workloads.get().ifPresent(w -> w.served(tg.account(), tg.region(), target.targetId(), bytes));
            }
            next.proceed();
        });
        if (tg.targetType().equals("lambda")) {
            invoke(exchange, tg, target);
            return;
        }
        if (tg.targetType().equals("instance") && exchange.isInIoThread()) {
            // finding an instance's workload asks EC2, which may have to be built first: not on an IO thread
            exchange.dispatch(() -> {
                try {
                    proxy(exchange, lb, listener, tg, target, clientPort);
                } catch (Exception e) {
                    exchange.putAttachment(TargetProxy.ELB_STATUS, 502);
                    ElbAnswers.error(exchange, 502);
                }
            });
            return;
        }
        proxy(exchange, lb, listener, tg, target, clientPort);
    }

    private void proxy(HttpServerExchange exchange, LoadBalancer lb, Listener listener, TargetGroup tg,
                       Registration target, int clientPort) throws Exception {
        InetSocketAddress address = tg.targetType().equals("ip") ? ipAddresses.of(target.targetId(), target.port())
                : workloads.get().flatMap(w -> w.address(tg.account(), tg.region(), target.targetId(), target.port()))
                .orElse(null);
        if (address == null) {
            exchange.putAttachment(TargetProxy.ELB_STATUS, 502);
            ElbAnswers.error(exchange, 502);
            return;
        }
        exchange.getRequestHeaders().put(X_FORWARDED_PROTO, listener.protocol().equals("HTTPS") ? "https" : "http");
        exchange.getRequestHeaders().put(X_FORWARDED_PORT, String.valueOf(clientPort));
        if (!exchange.getRequestHeaders().contains(X_AMZN_TRACE_ID)) {
            exchange.getRequestHeaders().put(X_AMZN_TRACE_ID, "Root=1-" + Long.toHexString(clock.instant().getEpochSecond())
                    + "-" + dev.gureum.core.id.Ids.hex(24));
        }
        int idle = Integer.parseInt(lb.attributes().getOrDefault("idle_timeout.timeout_seconds", "60"));
        proxy.forward(exchange, address, idle);
    }

    /** The action's target group, by weight; one the client is stuck to (group stickiness) if it still may be. */
    private TargetGroup pickGroup(HttpServerExchange exchange, RuleAction action) {
        List<RuleAction.WeightedTargetGroup> groups = action.targetGroups();
        if (action.stickySeconds() > 0) {
            Cookie cookie = exchange.getRequestCookie("AWSALBTG");
            if (cookie != null) {
                for (RuleAction.WeightedTargetGroup g : groups) {
                    if (g.weight() > 0 && g.arn().endsWith("/" + cookie.getValue())) {
                        return store.targetGroup(g.arn());
                    }
                }
            }
        }
        int total = groups.stream().mapToInt(RuleAction.WeightedTargetGroup::weight).sum();
        String chosen = null;
        if (groups.size() == 1) {
            chosen = groups.get(0).arn();
        } else if (total > 0) {
            int roll = ThreadLocalRandom.current().nextInt(total);
            for (RuleAction.WeightedTargetGroup g : groups) {
                roll -= g.weight();
                if (roll < 0) {
                    chosen = g.arn();
                    break;
                }
            }
        }
        TargetGroup tg = store.targetGroup(chosen);
        if (tg != null && action.stickySeconds() > 0) {
            stick(exchange, "AWSALBTG", tg.arn().substring(tg.arn().lastIndexOf('/') + 1), action.stickySeconds());
        }
        return tg;
    }

    /**
     * The target the client is stuck to while it may still get traffic: the one its {@code AWSALB} cookie names
     * ({@code lb_cookie}), or its {@code AWSALBAPP} cookie when the request also carries the application's
     * cookie ({@code app_cookie}; without it the session is not sticky).
     */
    private TargetSelection.Choice stickyTarget(HttpServerExchange exchange, TargetGroup tg) {
        String type = stickiness(tg);
        Cookie cookie = null;
        if ("lb_cookie".equals(type)) {
            cookie = exchange.getRequestCookie("AWSALB");
        } else if ("app_cookie".equals(type)
                && exchange.getRequestCookie(tg.attribute("stickiness.app_cookie.cookie_name")) != null) {
            cookie = exchange.getRequestCookie("AWSALBAPP");
        }
        if (cookie == null) {
            return null;
        }
        try {
            String key = new String(java.util.Base64.getUrlDecoder().decode(cookie.getValue()),
                    java.nio.charset.StandardCharsets.UTF_8);
            return "lb_cookie".equals(type) ? lbCookieTarget(tg, key) : selection.ifEligible(tg, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private TargetSelection.Choice lbCookieTarget(TargetGroup tg, String key) {
        Registration r = store.registration(tg.arn(), key);
        return r == null || r.drainingUntil() != null ? null : new TargetSelection.Choice(r, 1);
    }

    /** The group's stickiness type when stickiness is on, else {@code null}. */
    private static String stickiness(TargetGroup tg) {
        return "true".equals(tg.attribute("stickiness.enabled")) ? tg.attribute("stickiness.type") : null;
    }

    /** With {@code app_cookie} stickiness, an answer that sets the application's cookie gets an {@code AWSALBAPP} too. */
    private void stickOnApplicationCookie(HttpServerExchange exchange, TargetGroup tg, Registration target) {
        String name = tg.attribute("stickiness.app_cookie.cookie_name");
        int seconds = Integer.parseInt(tg.attribute("stickiness.app_cookie.duration_seconds"));
        String value = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                target.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        exchange.addResponseCommitListener(ex -> {
            HeaderValues cookies = ex.getResponseHeaders().get(Headers.SET_COOKIE);
            if (cookies == null || ex.getAttachment(TargetProxy.ELB_STATUS) != null) {
                return;
            }
            for (String c : cookies) {
                if (c.startsWith(name + "=")) {
                    String expires = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            clock.instant().plusSeconds(seconds).atZone(java.time.ZoneOffset.UTC));
                    cookies.add("AWSALBAPP=" + value + "; Expires=" + expires + "; Path=/");
                    cookies.add("AWSALBAPPCORS=" + value + "; Expires=" + expires + "; Path=/; SameSite=None; Secure");
                    return;
                }
            }
        });
    }

    private void stick(HttpServerExchange exchange, String name, String value, int seconds) {
        exchange.setResponseCookie(new CookieImpl(name, value).setPath("/").setMaxAge(seconds)
                .setExpires(java.util.Date.from(clock.instant().plusSeconds(seconds))));
        exchange.setResponseCookie(new CookieImpl(name + "CORS", value).setPath("/").setMaxAge(seconds)
                .setSameSiteMode("None").setSecure(true)
                .setExpires(java.util.Date.from(clock.instant().plusSeconds(seconds))));
    }

    private void invoke(HttpServerExchange exchange, TargetGroup tg, Registration target) {
        Optional<FunctionInvoker> invoker = functions.get();
        if (invoker.isEmpty()) {
            exchange.putAttachment(TargetProxy.ELB_STATUS, 502);
            ElbAnswers.error(exchange, 502);
            return;
        }
        exchange.setMaxEntitySize(LambdaTargets.MAX_BODY);
        // the invocation may start an execution environment: on a worker, and answered when the function is
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> ex.dispatch(SameThreadExecutor.INSTANCE, () ->
                ex.getConnection().getWorker().execute(() -> {
                    try {
                        LambdaTargets.invoke(invoker.get(), target.targetId(), tg, LambdaTargets.event(ex, tg, body))
                                .whenComplete((result, failure) -> {
                                    if (failure != null || !LambdaTargets.respond(ex, result)) {
                                        ex.putAttachment(TargetProxy.ELB_STATUS, 502);
                                        ElbAnswers.error(ex, 502);
                                    }
                                });
                    } catch (RuntimeException e) {
                        ex.putAttachment(TargetProxy.ELB_STATUS, 502);
                        ElbAnswers.error(ex, 502);
                    }
                })), (ex, e) -> {
                            ex.putAttachment(TargetProxy.ELB_STATUS, 413);
                            ElbAnswers.error(ex, 413);
                        });
    }
}
