package dev.gureum.core.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The ec2 protocol: query-style input, and answers {@code <OpResponse xmlns=..><requestId>..</requestId>..}
 * with the output's members directly inside and lists as {@code <item>} elements.
 */
public final class Ec2Codec {

    private static final XmlEncoder ENCODER = new XmlEncoder("item");

    private Ec2Codec() {
    }

    public static byte[] encode(String action, String xmlns, Struct result, String requestId) {
        XmlWriter xml = new XmlWriter();
        xml.start(action + "Response", xmlns);
        xml.element("requestId", requestId);
        if (result != null) {
            ENCODER.members(xml, result);
        }
        xml.end(action + "Response");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
