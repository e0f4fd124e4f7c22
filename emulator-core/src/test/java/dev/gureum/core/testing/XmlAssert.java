package dev.gureum.core.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares XML documents by structure, the way an XML-reading AWS client sees them: both sides are
 * parsed with the JDK DOM parser (namespace aware) and rendered to a canonical outline (namespace and
 * local name of each element, attributes other than namespace declarations, child elements in order,
 * and the exact text of leaf elements). Whitespace between elements is ignored; the text of leaves is not.
 */
public final class XmlAssert {

    private XmlAssert() {
    }

    public static void assertXmlEquals(String actual, String expected) {
        assertThat(canonical(actual)).as("XML structure of%n%s", actual).isEqualTo(canonical(expected));
    }

    public static void assertXmlEquals(byte[] actual, String expected) {
        assertXmlEquals(new String(actual, StandardCharsets.UTF_8), expected);
    }

    /** Parses a document; fails the test when it is not well-formed. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    public static String canonical(String xml) {
        StringBuilder out = new StringBuilder();
        render(parse(xml).getDocumentElement(), 0, out);
        return out.toString();
    }

    private static void render(Element element, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append('{').append(nullToEmpty(element.getNamespaceURI())).append('}')
                .append(element.getLocalName());
        TreeMap<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                attributes.put(a.getNodeName(), a.getNodeValue());
            }
        }
        if (!attributes.isEmpty()) {
            out.append(' ').append(attributes);
        }
        List<Element> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element child) {
                children.add(child);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        if (children.isEmpty()) {
            out.append(" = \"").append(text).append("\"\n");
            return;
        }
        if (!text.toString().isBlank()) {
            out.append(" #text \"").append(text.toString().strip()).append('"');
        }
        out.append('\n');
        for (Element child : children) {
            render(child, depth + 1, out);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
