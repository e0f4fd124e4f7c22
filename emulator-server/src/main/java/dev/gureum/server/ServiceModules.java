package dev.gureum.server;

import dev.gureum.core.ServiceModule;
import dev.gureum.ec2.Ec2Module;

import java.util.List;

/** The service modules wired into the server, besides STS which the server itself provides. */
final class ServiceModules {

    private ServiceModules() {
    }

    static List<ServiceModule> builtIn() {
        dev.gureum.lambda.LambdaModule lambda = new dev.gureum.lambda.LambdaModule();
        return List.of(new dev.gureum.s3.S3Module(), new dev.gureum.sqs.SqsModule(), new dev.gureum.sns.SnsModule(),
                lambda, lambda.logs(), new Ec2Module());
    }
}
