package dev.gureum.lambda.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionUrlsTest {

    static UrlConfig url(String functionUrl) {
        return new UrlConfig(functionUrl, "arn:aws:lambda:eu-west-1:123456789012:function:fn", "NONE", null, "BUFFERED",
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aUrlsIdIsItsFirstHostLabelWhateverTheSuffix() {
        assertThat(url("http://abc123.lambda-url.eu-west-1.localhost.localstack.cloud:4566/").urlId()).isEqualTo("abc123");
        assertThat(url("https://abc123.lambda-url.eu-west-1.on.aws/").urlId()).isEqualTo("abc123");
    }

    @Test
    void aUrlIsFoundByItsIdInAnyAccountAndRegion() {
        FunctionStore store = new FunctionStore();
        FunctionConfig.Builder b = new FunctionConfig.Builder();
        b.name = "fn";
        b.functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:fn";
        b.version = FunctionConfig.LATEST;
        b.accountId = "123456789012";
        b.region = "eu-west-1";
        b.runtime = "python3.12";
        b.handler = "app.handler";
        b.role = "arn:aws:iam::123456789012:role/r";
        b.lastModified = Instant.EPOCH;
        LambdaFunction f = new LambdaFunction(b.build());
        store.putIfAbsent("123456789012", "eu-west-1", f);
        f.putUrlConfig("", url("http://one.lambda-url.eu-west-1.localhost.localstack.cloud:4566/"));
        f.putUrlConfig("live", url("http://two.lambda-url.eu-west-1.localhost.localstack.cloud:4566/"));

        FunctionStore.UrlTarget two = store.urlTarget("two");
        assertThat(two.function()).isSameAs(f);
        assertThat(two.qualifier()).isEqualTo("live");
        assertThat(two.scope().accountId()).isEqualTo("123456789012");
        assertThat(two.scope().region()).isEqualTo("eu-west-1");
        assertThat(store.urlTarget("one").qualifier()).isEmpty();
        assertThat(store.urlTarget("three")).isNull();
    }
}
