package dev.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads an XML request body (rest-xml) into {@link Params}: an element with child elements becomes a
 * structure, repeated siblings become a list, a leaf becomes text. Namespaces are ignored, and DTDs
 * and external entities are refused.
 */
public final class XmlDecoder {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private XmlDecoder() {
    }

    /** The root element's name and content. */
    public record Document(String rootName, Params root) {
    }

    public static Document parse(byte[] body) {
        return parse(body, CommonError.MALFORMED_XML,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static Document parse(byte[] body, AwsError error, String message) {
        if (body == null || body.length == 0) {
            throw new AwsException(error, message);
        }
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof AwsException aws) {
                throw aws;
            }
            throw new AwsException(error, message, e);
        }
    }

    private static Document read(XMLStreamReader reader) throws XMLStreamException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Deque<Frame> stack = new ArrayDeque<>();
        String rootName = null;
        JsonNode root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (rootName != null && stack.isEmpty()) {
                        throw new XMLStreamException("More than one root element");
                    }
                    if (rootName == null) {
                        rootName = reader.getLocalName();
                    }
                    stack.push(new Frame(reader.getLocalName()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("DTDs and entities are not allowed");
                case XMLStreamConstants.END_ELEMENT -> {
                    Frame frame = stack.pop();
                    JsonNode value = frame.children == null ? TextNode.valueOf(frame.text.toString()) : frame.children;
                    if (stack.isEmpty()) {
                        root = value;
                    } else {
                        stack.peek().add(frame.name, value, f);
                    }
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
        if (rootName == null) {
            throw new XMLStreamException("No root element");
        }
        return new Document(rootName, new Params(root, Params.Origin.XML));
    }

    private static final class Frame {
        final String name;
        final StringBuilder text = new StringBuilder();
        ObjectNode children;

        Frame(String name) {
            this.name = name;
        }

        void add(String childName, JsonNode value, JsonNodeFactory f) {
            if (children == null) {
                children = f.objectNode();
            }
            JsonNode existing = children.get(childName);
            if (existing == null) {
                children.set(childName, value);
            } else if (existing instanceof ArrayNode array && isRepeated(childName)) {
                array.add(value);
            } else {
                ArrayNode array = f.arrayNode();
                array.add(existing);
                array.add(value);
                children.set(childName, array);
                repeated(childName);
            }
        }

        private java.util.Set<String> repeatedNames;

        private boolean isRepeated(String childName) {
            return repeatedNames != null && repeatedNames.contains(childName);
        }

        private void repeated(String childName) {
            if (repeatedNames == null) {
                repeatedNames = new java.util.HashSet<>();
            }
            repeatedNames.add(childName);
        }
    }
}
