package dev.gureum.core.auth;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules.Access;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessRulesTest {

    private static final RequestContext CTX = new RequestContext("r", Clock.systemUTC()).accountId("123456789012")
            .region("eu-west-1");

    /** A request as the table sees it: an operation's input, here the names it gives. */
    private record Input(Map<String, String> names) {
    }

    private static final AccessRules<Input> RULES = AccessRules.<Input>builder("sqs")
            .table("""
                    # operation          action             resource
                    ListQueues           =                  *
                    SendMessageBatch     sqs:SendMessage    queue
                    CopyThing            sqs:Read           queue
                    CopyThing            sqs:Write          target
                    GetCallerIdentity    none
                    """)
            .otherwise("queue")
            .single("queue", (ctx, in) -> in.names().get("queue") == null ? null
                    : "arn:aws:sqs:" + ctx.region() + ":" + ctx.accountId() + ":" + in.names().get("queue"))
            .resource("target", (ctx, in) -> List.of("arn:a", "arn:b"))
            .build();

    @Test
    void anOperationOutsideTheTableNeedsItsOwnNameOnTheDefaultResource() {
        assertThat(RULES.accesses("ReceiveMessage", CTX, new Input(Map.of("queue", "q"))))
                .containsExactly(new Access("sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:123456789012:q"));
    }

    @Test
    void theTableNamesOtherActionsSeveralAccessesAndNone() {
        assertThat(RULES.accesses("ListQueues", CTX, new Input(Map.of())))
                .containsExactly(new Access("sqs:ListQueues", "*"));
        assertThat(RULES.accesses("SendMessageBatch", CTX, new Input(Map.of("queue", "q"))))
                .containsExactly(new Access("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:q"));
        assertThat(RULES.accesses("CopyThing", CTX, new Input(Map.of("queue", "q")))).containsExactly(
                new Access("sqs:Read", "arn:aws:sqs:eu-west-1:123456789012:q"),
                new Access("sqs:Write", "arn:a"), new Access("sqs:Write", "arn:b"));
        assertThat(RULES.accesses("GetCallerIdentity", CTX, new Input(Map.of()))).isEmpty();
    }

    @Test
    void aRequestThatNamesNoResourceIsJudgedOnStar() {
        assertThat(RULES.accesses("DeleteQueue", CTX, new Input(Map.of())))
                .containsExactly(new Access("sqs:DeleteQueue", "*"));
    }

    @Test
    void anOptionalResourceTheRequestLeavesOutIsNotChecked() {
        AccessRules<Input> rules = AccessRules.<Input>builder("ec2").table("RunThing = launched\nRunThing = queue?")
                .single("launched", (ctx, in) -> "arn:x/*")
                .single("queue", (ctx, in) -> in.names().get("queue")).build();
        assertThat(rules.accesses("RunThing", CTX, new Input(Map.of())))
                .containsExactly(new Access("ec2:RunThing", "arn:x/*"));
        assertThat(rules.accesses("RunThing", CTX, new Input(Map.of("queue", "arn:q")))).containsExactly(
                new Access("ec2:RunThing", "arn:x/*"), new Access("ec2:RunThing", "arn:q"));
    }

    @Test
    void aTableNamingAnUnknownKindOrMalformedLineIsRefusedAtStartUp() {
        assertThatThrownBy(() -> AccessRules.<Input>builder("x").table("Op = nowhere").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> AccessRules.<Input>builder("x").table("Op a b c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestTagsBecomeRequestTagAndTagKeys() {
        Map<String, List<String>> keys = new java.util.HashMap<>();
        AccessRules.requestTags(new java.util.LinkedHashMap<>(Map.of("team", "blue")), keys);
        assertThat(keys).containsEntry("aws:RequestTag/team", List.of("blue")).containsEntry("aws:TagKeys",
                List.of("team"));
    }
}
