package dev.gureum.server;

import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the arguments of a plain {@code serve} into {@link ServeOptions} without picocli's command model,
 * which takes longer to build than the rest of start-up. It reads the same {@code @Option} annotations
 * (names, {@code ${env:NAME:-default}} defaults, {@code split}, negatable flags) and gives up, returning
 * null, on anything it does not read exactly as picocli does: help, version, unknown or repeated options,
 * {@code @file} arguments, values that look like options or numbers in other notations. Picocli then
 * parses the same arguments and answers with its usual help or message.
 */
final class ServeArguments {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^${}]*))?}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

    private ServeArguments() {
    }

    /** An option as the command line names it: its field, and whether this name is the negated form. */
    private record Name(Field field, Option option, boolean negated) {
    }

    /** The options, or null when picocli should read these arguments. */
    static ServeOptions parse(String[] args, Function<String, String> env) {
        try {
            return read(args, env);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ServeOptions read(String[] args, Function<String, String> env) throws ReflectiveOperationException {
        Map<String, Name> names = new HashMap<>();
        List<Name> options = new ArrayList<>();
        for (Field field : ServeOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            if (Modifier.isStatic(field.getModifiers()) || !understood(field, option)) {
                return null;
            }
            Name name = new Name(field, option, false);
            options.add(name);
            for (String n : option.names()) {
                names.put(n, name);
                if (option.negatable()) {
                    names.put("--no-" + n.substring(2), new Name(field, option, true));
                }
            }
        }
        ServeOptions result = new ServeOptions();
        for (Name o : options) {
            String value = defaultValue(o.option().defaultValue(), env);
            if (value != null && !assign(result, o, value, false)) {
                return null;
            }
        }
        Set<Field> given = new HashSet<>();
        int start = args.length > 0 && args[0].equals("serve") ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            Name o = names.get(eq < 0 ? arg : arg.substring(0, eq));
            if (o == null) {
                return null;
            }
            boolean again = !given.add(o.field());
            if (o.field().getType() == boolean.class) {
                if (eq >= 0 || again) {
                    return null;
                }
                o.field().setBoolean(result, !o.negated() && Boolean.parseBoolean(o.option().fallbackValue()));
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (again && o.field().getType() != List.class || value.startsWith("-") || value.startsWith("@")
                    || !assign(result, o, value, again)) {
                return null;
            }
        }
        return result;
    }

    /** Whether this reader handles the option exactly as picocli would. */
    private static boolean understood(Field field, Option option) {
        Class<?> type = field.getType();
        boolean knownType = type == String.class || type == int.class || type == Integer.class || type == double.class
                || type == boolean.class || type == Path.class || type == List.class;
        boolean namesOk = option.names().length > 0;
        for (String n : option.names()) {
            namesOk &= n.startsWith("--") && n.length() > 2;
        }
        return knownType && namesOk && option.arity().isEmpty() && option.converter().length == 0
                && !option.required() && (option.negatable() == (type == boolean.class))
                && (type == boolean.class ? Boolean.parseBoolean(option.fallbackValue()) : option.fallbackValue().isEmpty())
                && (type == List.class) == !option.split().isEmpty();
    }

    /** {@code ${env:NAME:-default}}, {@code ${env:NAME}} or a plain value; null for none. */
    private static String defaultValue(String spec, Function<String, String> env) {
        if (spec.equals(Option.NULL_VALUE) || spec.isEmpty()) {
            return null;
        }
        if (!spec.contains("$")) {
            return spec;
        }
        var m = ENV_DEFAULT.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an environment default: " + spec);
        }
        String value = env.apply(m.group(1));
        if (value != null && (value.isEmpty() || value.contains("$"))) {
            throw new IllegalArgumentException("left to picocli: " + m.group(1));
        }
        return value != null ? value : m.group(2);
    }

    /** Converts and sets a value; false when it is not in a notation this reader reads like picocli. */
    @SuppressWarnings("unchecked")
    private static boolean assign(ServeOptions target, Name o, String value, boolean append)
            throws IllegalAccessException {
        Field f = o.field();
        Class<?> type = f.getType();
        if (value.isEmpty() || value.contains("\"")) {
            return false;
        }
        if (type == String.class) {
            f.set(target, value);
        } else if (type == int.class || type == Integer.class) {
            if (!WHOLE_NUMBER.matcher(value).matches()) {
                return false;
            }
            f.set(target, Integer.parseInt(value));
        } else if (type == double.class) {
            if (!DECIMAL.matcher(value).matches()) {
                return false;
            }
            f.setDouble(target, Double.parseDouble(value));
        } else if (type == boolean.class) {
            if (!value.equals("true") && !value.equals("false")) {
                return false;
            }
            f.setBoolean(target, Boolean.parseBoolean(value));
        } else if (type == Path.class) {
            try {
                f.set(target, Path.of(value));
            } catch (InvalidPathException e) {
                return false;
            }
        } else {
            List<String> list = append ? new ArrayList<>((List<String>) f.get(target)) : new ArrayList<>();
            for (String part : value.split(o.option().split())) {
                list.add(part);
            }
            f.set(target, list);
        }
        return true;
    }
}
