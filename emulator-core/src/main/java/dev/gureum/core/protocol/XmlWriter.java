package dev.gureum.core.protocol;

/** A small, allocation-light XML writer with the escaping AWS uses. */
public final class XmlWriter {

    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final StringBuilder out;

    public XmlWriter() {
        this(true);
    }

    public XmlWriter(boolean declaration) {
        out = new StringBuilder(256);
        if (declaration) {
            out.append(DECLARATION);
        }
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter start(String name, String xmlns) {
        out.append('<').append(name);
        if (xmlns != null) {
            out.append(" xmlns=\"");
            escape(xmlns, out);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    public XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter text(String text) {
        escape(text, out);
        return this;
    }

    /** {@code <name>text</name>}; nothing when the text is {@code null}. */
    public XmlWriter element(String name, String text) {
        if (text != null) {
            start(name).text(text).end(name);
        }
        return this;
    }

    public XmlWriter raw(String xml) {
        out.append(xml);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes markup characters, and CR/LF/TAB as character references so that they survive XML
     * end-of-line and attribute normalization in clients. Characters XML 1.0 cannot carry are dropped.
     */
    public static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append("&#xA;");
                case '\t' -> out.append("&#x9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF || Character.isSurrogate(c)) {
                        out.append(c);
                    }
                }
            }
        }
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(text, sb);
        return sb.toString();
    }
}
