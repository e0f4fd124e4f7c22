package dev.gureum.monitoring.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CloudWatch checks in a dashboard: its name, and that its body is a JSON object with a
 * {@code widgets} array of widgets that each have a known {@code type} and a sane position and size. The
 * body arrives parsed (maps, lists, strings, numbers, booleans); each problem is a message with the JSON
 * path it is at, as in {@code DashboardValidationMessages}.
 */
public final class DashboardRules {

    /** One problem in a body: where ({@code /widgets/0/type}), and what. */
    public record ValidationMessage(String dataPath, String message) {
    }

    /** The body was not JSON at all. */
    public static final Object NOT_JSON = new Object();

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,255}");
    private static final Set<String> WIDGET_TYPES = Set.of("metric", "text", "log", "alarm", "explorer", "custom");

    private DashboardRules() {
    }

    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new DashboardException(DashboardException.Reason.INVALID_INPUT,
                    "The parameter DashboardName is required.", List.of());
        }
        if (!NAME.matcher(name).matches()) {
            throw new DashboardException(DashboardException.Reason.INVALID_INPUT, "The value " + name
                    + " for parameter DashboardName is invalid: it may contain only letters, digits, hyphens and"
                    + " underscores, up to 255 characters.", List.of());
        }
    }

    /** The problems of a body, none when it is valid. */
    public static List<ValidationMessage> validate(Object body) {
        List<ValidationMessage> messages = new ArrayList<>();
        if (body == NOT_JSON || !(body instanceof Map<?, ?> root)) {
            messages.add(new ValidationMessage("", "The field DashboardBody must be a valid JSON object"));
            return messages;
        }
        Object widgets = root.get("widgets");
        if (widgets == null) {
            messages.add(new ValidationMessage("", "Should have required property 'widgets'"));
            return messages;
        }
        if (!(widgets instanceof List<?> list)) {
            messages.add(new ValidationMessage("/widgets", "Should be array"));
            return messages;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "/widgets/" + i;
            if (!(list.get(i) instanceof Map<?, ?> widget)) {
                messages.add(new ValidationMessage(at, "Should be object"));
                continue;
            }
            Object type = widget.get("type");
            if (type == null) {
                messages.add(new ValidationMessage(at, "Should have required property 'type'"));
            } else if (!(type instanceof String t) || !WIDGET_TYPES.contains(t)) {
                messages.add(new ValidationMessage(at + "/type", "Should be equal to one of the allowed values "
                        + WIDGET_TYPES.stream().sorted().toList()));
            }
            integer(widget, "x", 0, 23, at, messages);
            integer(widget, "y", 0, Integer.MAX_VALUE, at, messages);
            integer(widget, "width", 1, 24, at, messages);
            integer(widget, "height", 1, 1000, at, messages);
            Object properties = widget.get("properties");
            if (properties != null && !(properties instanceof Map<?, ?>)) {
                messages.add(new ValidationMessage(at + "/properties", "Should be object"));
            }
        }
        return messages;
    }

    private static void integer(Map<?, ?> widget, String name, int min, int max, String at,
                                List<ValidationMessage> messages) {
        Object value = widget.get(name);
        if (value == null) {
            return;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            messages.add(new ValidationMessage(at + "/" + name, "Should be integer"));
        } else if (n.longValue() < min) {
            messages.add(new ValidationMessage(at + "/" + name, "Should be >= " + min));
        } else if (n.longValue() > max) {
            messages.add(new ValidationMessage(at + "/" + name, "Should be <= " + max));
        }
    }
}
