package dev.gureum.elb.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.elb.domain.Changes;
import dev.gureum.elb.domain.ElbRefusal;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.ListenerRule;
import dev.gureum.elb.domain.Listeners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.elb.protocol.ElbService.account;
import static dev.gureum.elb.protocol.ElbService.region;

/** Listeners and their rules. */
final class ListenerOperations {

    private final ElbService service;

    ListenerOperations(ElbService service) {
        this.service = service;
    }

    void register() {
        service.operation("CreateListener", this::create);
        service.operation("DescribeListeners", this::describe);
        service.operation("ModifyListener", this::modify);
        service.operation("DeleteListener", this::delete);
        service.operation("DescribeListenerCertificates", this::describeCertificates);
        service.operation("CreateRule", this::createRule);
        service.operation("DescribeRules", this::describeRules);
        service.operation("ModifyRule", this::modifyRule);
        service.operation("DeleteRule", this::deleteRule);
        service.operation("SetRulePriorities", this::setRulePriorities);
    }

    private Listeners domain() {
        return service.listeners();
    }

    private Object create(ActionRequest r) {
        Params p = r.params();
        Changes changes = service.changes();
        Listener l = domain().create(account(r), region(r), p.requireString("LoadBalancerArn"), p.string("Protocol"),
                p.integer("Port"), ElbInputs.certificates(p), p.string("SslPolicy"),
                ElbInputs.actions(p, "DefaultActions"), ElbInputs.tags(p), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("Listeners", List.of(ElbShapes.listener(l))));
    }

    private Object describe(ActionRequest r) {
        List<Listener> found = domain().describe(account(r), region(r), r.params().string("LoadBalancerArn"),
                r.params().stringList("ListenerArns"));
        return ElbService.page(Struct.of(), "Listeners", found, r, ElbShapes::listener);
    }

    private Object modify(ActionRequest r) {
        Params p = r.params();
        Changes changes = service.changes();
        Listener l = domain().modify(p.requireString("ListenerArn"), account(r), region(r), p.string("Protocol"),
                p.integer("Port"), ElbInputs.certificates(p), p.string("SslPolicy"),
                ElbInputs.actions(p, "DefaultActions"), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("Listeners", List.of(ElbShapes.listener(l))));
    }

    private Object delete(ActionRequest r) {
        Changes changes = service.changes();
        domain().delete(r.params().requireString("ListenerArn"), account(r), region(r), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object describeCertificates(ActionRequest r) {
        Listener l = domain().get(r.params().requireString("ListenerArn"), account(r), region(r));
        List<Struct> certificates = new ArrayList<>();
        for (int i = 0; i < l.certificates().size(); i++) {
            certificates.add(Struct.of().put("CertificateArn", l.certificates().get(i)).put("IsDefault", i == 0));
        }
        return ElbService.page(Struct.of(), "Certificates", certificates, r, s -> s);
    }

    private Object createRule(ActionRequest r) {
        Params p = r.params();
        Changes changes = service.changes();
        ListenerRule rule = domain().createRule(account(r), region(r), p.requireString("ListenerArn"),
                p.integer("Priority"), ElbInputs.conditions(p), ElbInputs.actions(p, "Actions"), ElbInputs.tags(p), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("Rules", List.of(ElbShapes.rule(rule))));
    }

    private Object describeRules(ActionRequest r) {
        List<String> arns = r.params().stringList("RuleArns");
        String listenerArn = r.params().string("ListenerArn");
        List<Struct> rules = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                Listener owner = domain().defaultRuleOwner(arn, account(r), region(r));
                rules.add(owner != null ? ElbShapes.defaultRule(owner) : ElbShapes.rule(domain().rule(arn, account(r), region(r))));
            }
        } else if (listenerArn != null) {
            Listener l = domain().get(listenerArn, account(r), region(r));
            service.store().rules(l.arn()).forEach(rule -> rules.add(ElbShapes.rule(rule)));
            rules.add(ElbShapes.defaultRule(l));
        } else {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "You must specify either listener rule ARNs or a listener ARN");
        }
        return ElbService.page(Struct.of(), "Rules", rules, r, s -> s);
    }

    private Object modifyRule(ActionRequest r) {
        Params p = r.params();
        Changes changes = service.changes();
        Object modified = domain().modifyRule(p.requireString("RuleArn"), account(r), region(r), ElbInputs.conditions(p),
                ElbInputs.actions(p, "Actions"), changes);
        Struct shape = modified instanceof ListenerRule rule ? ElbShapes.rule(rule) : ElbShapes.defaultRule((Listener) modified);
        return service.commit(changes).thenApply(v -> Struct.of().list("Rules", List.of(shape)));
    }

    private Object deleteRule(ActionRequest r) {
        Changes changes = service.changes();
        domain().deleteRule(r.params().requireString("RuleArn"), account(r), region(r), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object setRulePriorities(ActionRequest r) {
        Map<String, Integer> priorities = new LinkedHashMap<>();
        for (Params pair : r.params().list("RulePriorities")) {
            Integer priority = pair.integer("Priority");
            if (priorities.put(pair.requireString("RuleArn"), priority == null ? 0 : priority) != null) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A rule ARN was provided multiple times");
            }
        }
        Changes changes = service.changes();
        List<ListenerRule> moved = domain().setPriorities(account(r), region(r), priorities, changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("Rules", moved, ElbShapes::rule));
    }
}
