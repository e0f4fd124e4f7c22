package dev.gureum.server;

import dev.gureum.autoscaling.AutoScalingModule;
import dev.gureum.core.ServiceModule;
import dev.gureum.ec2.Ec2Module;
import dev.gureum.elb.ElbModule;
import dev.gureum.iam.IamModule;
import dev.gureum.lambda.LambdaModule;
import dev.gureum.monitoring.CloudWatchModule;
import dev.gureum.s3.S3Module;
import dev.gureum.server.sts.StsModule;
import dev.gureum.sns.SnsModule;
import dev.gureum.sqs.SqsModule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service modules wired into the server, one line each, in the order health lists them. A module
 * brings everything the front end needs to route to it (its {@link dev.gureum.core.ServiceDescriptor}).
 */
final class ServiceModules {

    private ServiceModules() {
    }

    static List<ServiceModule> builtIn() {
        LambdaModule lambda = new LambdaModule();
        List<ServiceModule> modules = new ArrayList<>();
        modules.add(new S3Module());
        modules.add(new SqsModule());
        modules.add(new SnsModule());
        modules.add(lambda);
        modules.add(new Ec2Module());
        modules.add(new ElbModule());
        modules.add(new AutoScalingModule());
        modules.add(new StsModule());
        modules.add(new IamModule());
        modules.add(lambda.logs());
        modules.add(new CloudWatchModule());
        return modules;
    }

    /** The names of the built-in services: what {@code --services} accepts besides {@code all}. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        builtIn().forEach(m -> names.add(m.descriptor().name()));
        return names;
    }
}
