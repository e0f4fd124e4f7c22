package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterIT {

    static SqsTestSupport sqs;
    static SqsClient client;

    @BeforeAll
    static void start() {
        sqs = new SqsTestSupport();
        client = sqs.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        sqs.close();
    }

    @Test
    void messagesMoveAfterMaxReceiveCountAndRedriveBack() {
        String dlq = client.createQueue(r -> r.queueName("work-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String work = client.createQueue(r -> r.queueName("work").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        String workArn = "arn:aws:sqs:us-east-1:000000000000:work";
        client.sendMessage(r -> r.queueUrl(work).messageBody("poison"));
        for (int i = 0; i < 2; i++) {
            assertThat(client.receiveMessage(r -> r.queueUrl(work).visibilityTimeout(0)).messages()).hasSize(1);
        }
        // the third receive finds the message over its limit and moves it
        assertThat(client.receiveMessage(r -> r.queueUrl(work)).messages()).isEmpty();
        Message dead = client.receiveMessage(r -> r.queueUrl(dlq).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
        assertThat(dead.body()).isEqualTo("poison");
        assertThat(dead.attributes()).containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, workArn);
        assertThat(client.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls()).containsExactly(work);

        String task = client.startMessageMoveTask(r -> r.sourceArn(dlqArn)).taskHandle();
        assertThat(task).isNotBlank();
        var tasks = client.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results();
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("COMPLETED");
            assertThat(t.approximateNumberOfMessagesMoved()).isEqualTo(1L);
        });
        assertThat(client.receiveMessage(r -> r.queueUrl(work)).messages()).extracting(Message::body)
                .containsExactly("poison");
        assertThatThrownBy(() -> client.startMessageMoveTask(r -> r.sourceArn(workArn)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void redrivePolicyMustNameAnExistingQueue() {
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("orphan").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\",\"maxReceiveCount\":3}"))))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidAttributeValue"));
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("orphan").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "not json"))))
                .isInstanceOf(SqsException.class);
    }
}
