package dev.gureum.lambda.domain;

/** A layer version a function uses: its ARN, size, and the extracted content. */
public record LayerRef(String arn, StoredCode code) {
}
