package dev.gureum.core.protocol;

/** The five AWS wire protocols, as botocore names them. */
public enum Protocol {
    QUERY("query"),
    EC2("ec2"),
    JSON("json"),
    REST_XML("rest-xml"),
    REST_JSON("rest-json");

    private final String modelName;

    Protocol(String modelName) {
        this.modelName = modelName;
    }

    /** The name used in the botocore service model's {@code metadata.protocol}. */
    public String modelName() {
        return modelName;
    }

    public boolean isXml() {
        return this == QUERY || this == EC2 || this == REST_XML;
    }
}
