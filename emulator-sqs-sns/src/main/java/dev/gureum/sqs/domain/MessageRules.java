package dev.gureum.sqs.domain;

import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sqs.domain.SqsException.Reason;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What SQS accepts in a message: characters (XML 1.0's), at most ten attributes with valid names,
 * types and values, a size within the queue's maximum, and batches within it too.
 */
public final class MessageRules {

    /** Attribute names: letters, digits, underscore, hyphen and period, at most 256 characters. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final int MAX_ATTRIBUTES = 10;

    /** An attribute as a request gives it; the binary value is read only when its type asks for it. */
    public record AttributeInput(String dataType, String stringValue, Supplier<byte[]> binaryValue) {
    }

    private MessageRules() {
    }

    public static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                    || c >= 0x10000 && c <= 0x10FFFF;
            if (!ok) {
                throw new SqsException(Reason.INVALID_CHARACTER, Integer.toHexString(c).toUpperCase(Locale.ROOT));
            }
            i += Character.charCount(c);
        }
    }

    /** Message attributes of a send, checked: at most ten, with valid names, types and values. */
    public static Map<String, MessageAttribute> messageAttributes(Map<String, AttributeInput> raw) {
        return attributes(raw, "message attribute");
    }

    /** Message system attributes of a send: only {@code AWSTraceHeader} exists. */
    public static Map<String, MessageAttribute> systemAttributes(Map<String, AttributeInput> raw) {
        for (String name : raw.keySet()) {
            if (!name.equals("AWSTraceHeader")) {
                throw new SqsException(Reason.INVALID_SYSTEM_ATTRIBUTE_NAME, name);
            }
        }
        return attributes(raw, "message system attribute");
    }

    private static Map<String, MessageAttribute> attributes(Map<String, AttributeInput> raw, String kind) {
        if (raw.size() > MAX_ATTRIBUTES) {
            throw new SqsException(Reason.TOO_MANY_MESSAGE_ATTRIBUTES, raw.size());
        }
        Map<String, MessageAttribute> result = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeInput> e : raw.entrySet()) {
            String name = e.getKey();
            AttributeInput value = e.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                    || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
                throw new SqsException(Reason.INVALID_ATTRIBUTE_NAME, kind, name);
            }
            String dataType = value.dataType();
            if (dataType == null || dataType.isEmpty()) {
                throw new SqsException(Reason.ATTRIBUTE_TYPE_MISSING, kind, name);
            }
            String base = dataType.contains(".") ? dataType.substring(0, dataType.indexOf('.')) : dataType;
            String stringValue = value.stringValue();
            byte[] binaryValue = value.binaryValue().get();
            switch (base) {
                case "String", "Number" -> {
                    if (stringValue == null || stringValue.isEmpty()) {
                        throw new SqsException(Reason.ATTRIBUTE_VALUE_MISSING, kind, name, base);
                    }
                    if (base.equals("Number")) {
                        try {
                            new BigDecimal(stringValue.trim());
                        } catch (NumberFormatException ex) {
                            throw new SqsException(Reason.ATTRIBUTE_NOT_A_NUMBER, kind, name);
                        }
                    }
                    checkCharacters(stringValue);
                    result.put(name, new MessageAttribute(dataType, stringValue, null));
                }
                case "Binary" -> {
                    if (binaryValue == null || binaryValue.length == 0) {
                        throw new SqsException(Reason.ATTRIBUTE_VALUE_MISSING, kind, name, "Binary");
                    }
                    result.put(name, new MessageAttribute(dataType, null, binaryValue));
                }
                default -> throw new SqsException(Reason.ATTRIBUTE_TYPE_INVALID, kind, name);
            }
        }
        return result;
    }

    /** A message's size as SQS counts it: the body and each attribute's name, type and value, in UTF-8 bytes. */
    static int size(String body, Map<String, MessageAttribute> attributes) {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + a.dataType().getBytes(StandardCharsets.UTF_8).length;
            size += a.binaryValue() != null ? a.binaryValue().length
                    : a.stringValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** Group and deduplication ids: 1 to 128 printable ASCII characters. */
    static void checkIdToken(String parameter, String value) {
        if (value.isEmpty() || value.length() > 128 || !value.matches("[\\x21-\\x7E]+")) {
            throw new SqsException(Reason.INVALID_ID_TOKEN, parameter, value);
        }
    }

    /** A batch's messages together may not exceed the queue's maximum message size. */
    public static void checkBatchSize(List<OutgoingMessage> messages, int maximum) {
        int total = 0;
        for (OutgoingMessage m : messages) {
            total += m.size();
        }
        if (total > maximum) {
            throw new SqsException(Reason.BATCH_TOO_LONG, maximum, total);
        }
    }
}
