package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTemplateTest {

    @Test
    void matchesLabelsAndDecodesThem() {
        PathTemplate t = new PathTemplate("/2015-03-31/functions/{FunctionName}/invocations");
        assertThat(t.match("/2015-03-31/functions/my-fn/invocations")).isEqualTo(Map.of("FunctionName", "my-fn"));
        assertThat(t.match("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations"))
                .isEqualTo(Map.of("FunctionName", "arn:aws:lambda:us-east-1:000000000000:function:f"));
        assertThat(t.match("/2015-03-31/functions/my-fn/invocations/")).isEqualTo(Map.of("FunctionName", "my-fn"));
        assertThat(t.match("/2015-03-31/functions//invocations")).isNull();
        assertThat(t.match("/2015-03-31/functions/my-fn")).isNull();
        assertThat(t.match("/2015-03-31/functions/my-fn/invocations/extra")).isNull();
    }

    @Test
    void greedyLabelTakesTheRestOfThePath() {
        PathTemplate t = new PathTemplate("/{Bucket}/{Key+}");
        assertThat(t.match("/photos/2024/06/cat%20one.jpg"))
                .isEqualTo(Map.of("Bucket", "photos", "Key", "2024/06/cat one.jpg"));
        assertThat(t.match("/photos/a+b")).containsEntry("Key", "a+b");
        assertThat(t.match("/photos/")).isNull();
    }

    @Test
    void brokenEscapesAreErrors() {
        assertThatThrownBy(() -> new PathTemplate("/x/{Name}").match("/x/%zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
