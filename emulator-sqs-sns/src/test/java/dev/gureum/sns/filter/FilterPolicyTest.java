package dev.gureum.sns.filter;

import dev.gureum.core.spi.MessageAttribute;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subscription's filter policy reads the scope it names; the language itself is tested with the
 * core's event patterns (SNS dialect).
 */
class FilterPolicyTest {

    @Test
    void theScopeDecidesWhatThePolicyReads() throws FilterPolicyException {
        String policy = "{\"store\": [\"example_corp\"]}";
        FilterInput attributes = FilterInput.ofAttributes(Map.of("store", MessageAttribute.string("example_corp")));
        FilterInput body = FilterInput.ofBody("{\"store\": \"example_corp\"}");
        FilterPolicy onAttributes = FilterPolicy.parse(policy, FilterPolicy.Scope.MESSAGE_ATTRIBUTES);
        FilterPolicy onBody = FilterPolicy.parse(policy, FilterPolicy.Scope.MESSAGE_BODY);
        assertThat(onAttributes.scope()).isEqualTo(FilterPolicy.Scope.MESSAGE_ATTRIBUTES);
        assertThat(onAttributes.matches(attributes)).isTrue();
        assertThat(onBody.matches(body)).isTrue();
        assertThat(onBody.matches(FilterInput.ofBody("{\"store\": \"other\"}"))).isFalse();
        assertThat(attributes.isEmpty()).isFalse();
        assertThat(FilterInput.ofBody("not json").isEmpty()).isTrue();
    }

    @Test
    void scopesHaveTheirWireNames() {
        assertThat(FilterPolicy.Scope.of("MessageBody")).isEqualTo(FilterPolicy.Scope.MESSAGE_BODY);
        assertThat(FilterPolicy.Scope.of("MessageAttributes").wireName()).isEqualTo("MessageAttributes");
        assertThat(FilterPolicy.Scope.of("Body")).isNull();
    }

    @Test
    void nestedPoliciesAreAScopeErrorOnlyOnAttributes() throws FilterPolicyException {
        String nested = "{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}}";
        FilterPolicy.parse(nested, FilterPolicy.Scope.MESSAGE_BODY);
        assertThatThrownBy(() -> FilterPolicy.parse(nested, FilterPolicy.Scope.MESSAGE_ATTRIBUTES))
                .isInstanceOf(FilterPolicyException.class)
                .hasMessage("Filter policy scope MessageAttributes does not support nested filter policy")
                .satisfies(e -> assertThat(((FilterPolicyException) e).isScopeError()).isTrue());
        assertThatThrownBy(() -> FilterPolicy.parse("{\"key\":[]}", FilterPolicy.Scope.MESSAGE_BODY))
                .isInstanceOf(FilterPolicyException.class).hasMessage("Empty arrays are not allowed")
                .satisfies(e -> assertThat(((FilterPolicyException) e).isScopeError()).isFalse());
        assertThatThrownBy(() -> FilterPolicy.parse("[]", FilterPolicy.Scope.MESSAGE_BODY))
                .hasMessage("Filter policy must be a JSON object");
    }
}
