package dev.gureum.core.protocol;

/** The AWS wire protocols, as botocore names them. */
public enum Protocol {
    QUERY("query"),
    EC2("ec2"),
    JSON("json"),
    REST_XML("rest-xml"),
    REST_JSON("rest-json"),
    /** Smithy RPC v2 CBOR: {@code POST /service/<Service>/operation/<Op>}, CBOR bodies (CloudWatch). */
    RPC_V2_CBOR("smithy-rpc-v2-cbor");

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
