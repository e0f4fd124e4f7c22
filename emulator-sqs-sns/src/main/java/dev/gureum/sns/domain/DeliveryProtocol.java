package dev.gureum.sns.domain;

/** The endpoints a subscription can deliver to, by their wire names. */
public enum DeliveryProtocol {
    HTTP("http"), HTTPS("https"), EMAIL("email"), EMAIL_JSON("email-json"), SMS("sms"), SQS("sqs"),
    APPLICATION("application"), LAMBDA("lambda"), FIREHOSE("firehose");

    private final String wireName;

    DeliveryProtocol(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DeliveryProtocol of(String wireName) {
        for (DeliveryProtocol p : values()) {
            if (p.wireName.equals(wireName)) {
                return p;
            }
        }
        return null;
    }

    public boolean isHttp() {
        return this == HTTP || this == HTTPS;
    }

    /** Endpoints that must confirm before they receive anything (AWS sends them a confirmation). */
    public boolean needsConfirmation() {
        return this == HTTP || this == HTTPS || this == EMAIL || this == EMAIL_JSON;
    }

    /** Endpoints Gureum does not reach: what would have been sent is kept for inspection. */
    public boolean isRecorded() {
        return this == EMAIL || this == EMAIL_JSON || this == SMS || this == APPLICATION || this == FIREHOSE;
    }
}
