package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsException;

/** The characters SQS allows in message bodies and attribute values (XML 1.0's). */
final class MessageValidation {

    private MessageValidation() {
    }

    static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                    || c >= 0x10000 && c <= 0x10FFFF;
            if (!ok) {
                throw new AwsException(SqsError.INVALID_MESSAGE_CONTENTS, "Invalid binary character '#x"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "' was found in the message body, "
                        + "the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | "
                        + "#x10000 to #x10FFFF");
            }
            i += Character.charCount(c);
        }
    }
}
