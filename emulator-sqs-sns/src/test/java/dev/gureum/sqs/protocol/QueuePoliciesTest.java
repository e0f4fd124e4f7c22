package dev.gureum.sqs.protocol;

import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.json.Json;
import dev.gureum.sqs.domain.QueuePermission;
import dev.gureum.sqs.domain.SqsQueue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Queue policies: the document AddPermission writes, and its evaluation by the core evaluator. */
class QueuePoliciesTest {

    private static final String OWNER = "111111111111";
    private static final Principal STRANGER = Principal.account("222222222222");

    private static SqsQueue queue() {
        return new SqsQueue("q", OWNER, "us-east-1", false, Map.of(), Map.of(), Clock.systemUTC(), null, arn -> null);
    }

    @Test
    void addPermissionWritesOneStatementPerLabel() throws Exception {
        SqsQueue queue = queue();
        queue.addPermission(QueuePermission.of("send", List.of("222222222222"), List.of("SendMessage")));
        String policy = QueuePolicies.of(queue);
        assertThat(policy).isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":\"arn:aws:sqs:us-east-1:111111111111:q/"
                + "SQSDefaultPolicy\",\"Statement\":[{\"Sid\":\"send\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "[\"arn:aws:iam::222222222222:root\"]},\"Action\":[\"SQS:SendMessage\"],\"Resource\":"
                + "\"arn:aws:sqs:us-east-1:111111111111:q\"}]}");
        assertThat(Json.mapper().readTree(policy).path("Statement").size()).isEqualTo(1);
        queue.setAttributes(Map.of("Policy", policy));
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(STRANGER, "sqs:SendMessage", queue.arn()))
                .allowed()).isTrue();
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(STRANGER, "sqs:ReceiveMessage", queue.arn()))
                .allowed()).isFalse();
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(Principal.account("333333333333"),
                "sqs:SendMessage", queue.arn())).allowed())
                .isFalse();
    }

    @Test
    void namingTheAccountIsNotAGrantUnlessAStatementMatches() {
        SqsQueue queue = queue();
        queue.setAttributes(Map.of("Policy", "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":"
                + "\"222222222222\"},\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"));
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(STRANGER, "sqs:SendMessage", queue.arn()))
                .allowed()).isFalse();
        queue.setAttributes(Map.of("Policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"sqs:*\",\"Resource\":\"arn:aws:sqs:us-east-1:111111111111:q\"}]}"));
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(STRANGER, "sqs:GetQueueUrl", queue.arn()))
                .allowed()).isTrue();
        queue.setAttributes(Map.of("Policy", "{"));
        assertThat(QueuePolicies.decide(queue, AccessRequest.of(STRANGER, "sqs:SendMessage", queue.arn()))
                .allowed()).isFalse();
    }
}
