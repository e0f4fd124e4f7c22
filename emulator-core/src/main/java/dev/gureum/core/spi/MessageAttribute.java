package dev.gureum.core.spi;

/**
 * A message attribute as SQS and SNS carry it: a data type ({@code String}, {@code Number},
 * {@code Binary}, optionally with a custom suffix) and a string or binary value.
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }
}
