package dev.gureum.autoscaling.domain;

/** Where Auto Scaling's messages go: SQS queues and SNS topics, by ARN. Failures are dropped, as AWS drops them. */
public interface Notifier {

    void send(String account, String targetArn, String subject, String message);

    Notifier NONE = (account, targetArn, subject, message) -> { };
}
