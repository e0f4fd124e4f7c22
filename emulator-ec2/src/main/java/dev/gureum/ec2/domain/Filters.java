package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The filters a Describe operation understands, by name, each giving a resource's values for it.
 * {@code tag:Key}, {@code tag-key} and {@code tag-value} come with every tagged resource. A request
 * matches a resource when every filter matches (and, within one filter, any value does).
 *
 * @param <T> the resource type
 */
public final class Filters<T> {

    private final Map<String, Function<T, Collection<String>>> fields = new LinkedHashMap<>();
    private Function<T, Map<String, String>> tags;

    public Filters<T> add(String name, Function<T, Object> value) {
        fields.put(name, r -> {
            Object v = value.apply(r);
            if (v == null) {
                return List.of();
            }
            if (v instanceof Collection<?> c) {
                List<String> out = new ArrayList<>();
                c.forEach(x -> out.add(x == null ? null : String.valueOf(x)));
                return out;
            }
            return List.of(String.valueOf(v));
        });
        return this;
    }

    public Filters<T> tags(Function<T, Map<String, String>> tags) {
        this.tags = tags;
        return this;
    }

    /** Checks that every filter is one this operation knows, as AWS does before doing anything. */
    public void validate(List<Filter> filters) {
        for (Filter f : filters) {
            if (f.name() == null) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The filter 'null' is invalid");
            }
            boolean known = fields.containsKey(f.name()) || tags != null
                    && (f.name().startsWith("tag:") || f.name().equals("tag-key") || f.name().equals("tag-value"));
            if (!known) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The filter '" + f.name() + "' is invalid");
            }
        }
    }

    public boolean matches(T resource, List<Filter> filters) {
        for (Filter f : filters) {
            if (!matches(resource, f)) {
                return false;
            }
        }
        return true;
    }

    public <C extends Collection<T>> List<T> apply(C resources, List<Filter> filters) {
        validate(filters);
        List<T> out = new ArrayList<>();
        for (T r : resources) {
            if (matches(r, filters)) {
                out.add(r);
            }
        }
        return out;
    }

    private boolean matches(T resource, Filter f) {
        String name = f.name();
        if (tags != null && name.startsWith("tag:")) {
            String value = tags.apply(resource).get(name.substring(4));
            return value != null && f.matches(value);
        }
        if (tags != null && name.equals("tag-key")) {
            return f.matches(tags.apply(resource).keySet());
        }
        if (tags != null && name.equals("tag-value")) {
            return f.matches(tags.apply(resource).values());
        }
        return f.matches(fields.get(name).apply(resource));
    }
}
