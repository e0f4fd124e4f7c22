package dev.gureum.s3.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An expression of the SQL, evaluated against one record (a CSV row, or a JSON value). */
@FunctionalInterface
interface Expr {

    Object eval(Object record);

    /**
     * A path into the record: {@code s._1}, {@code s.name}, {@code s."Name"}, {@code s.a.b[0]}. The FROM
     * clause's alias (or {@code S3Object} without one) leading it names the record itself.
     */
    final class Path implements Expr {

        /** One step: a field name ({@code quoted} when written in double quotes), or an {@code index}. */
        record Step(String name, boolean quoted, int index) {
            static Step field(String name, boolean quoted) {
                return new Step(name, quoted, -1);
            }

            static Step at(int index) {
                return new Step(null, false, index);
            }

            @Override
            public String toString() {
                return name == null ? "[" + index + "]" : name;
            }
        }

        private final List<Step> written;
        private List<Step> steps;

        Path(List<Step> written) {
            this.written = List.copyOf(written);
            this.steps = this.written;
        }

        /** Drops the leading alias, once the FROM clause has named it. */
        void bind(String alias) {
            Step first = written.get(0);
            if (first.name() != null && !first.quoted() && first.name().equalsIgnoreCase(alias == null ? "S3Object" : alias)) {
                steps = written.subList(1, written.size());
            }
            if (!steps.isEmpty() && steps.get(0).name() != null && CsvRecord.position(steps.get(0).name()) == 0) {
                throw new SelectException("InvalidColumnIndex",
                        "The column index in the SQL expression is invalid: " + steps.get(0).name() + ".");
            }
        }

        /** The column name a projection of the path gets: its last field name. */
        String columnName() {
            Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            return last == null || last.name() == null ? null : last.name();
        }

        @Override
        public Object eval(Object record) {
            Object value = record;
            for (Step step : steps) {
                value = field(value, step);
                if (value == SqlValues.MISSING) {
                    return value;
                }
            }
            return value;
        }

        static Object field(Object container, Step step) {
            if (container instanceof CsvRecord row) {
                return step.name() == null ? SqlValues.MISSING : row.get(step.name(), step.quoted());
            }
            if (container instanceof Map<?, ?> map && step.name() != null) {
                Object value = map.get(step.name());
                if (value != null || map.containsKey(step.name())) {
                    return value;
                }
                if (!step.quoted()) {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (e.getKey().toString().equalsIgnoreCase(step.name())) {
                            return e.getValue();
                        }
                    }
                }
                return SqlValues.MISSING;
            }
            if (container instanceof List<?> list && step.name() == null) {
                return step.index() < list.size() ? list.get(step.index()) : SqlValues.MISSING;
            }
            return SqlValues.MISSING;
        }
    }

    /** COUNT, SUM, AVG, MIN, MAX over the records the WHERE clause lets through. */
    final class Aggregate implements Expr {

        private final String function;
        /** {@code null} for {@code COUNT(*)}. */
        private final Expr argument;
        private long count;
        private Number sum;
        private Object extreme;

        Aggregate(String function, Expr argument) {
            this.function = function.toUpperCase(Locale.ROOT);
            this.argument = argument;
        }

        void accumulate(Object record) {
            if (argument == null) {
                count++;
                return;
            }
            Object value = argument.eval(record);
            if (SqlValues.absent(value) || value instanceof String s && s.isEmpty() && !function.equals("COUNT")) {
                return;
            }
            count++;
            switch (function) {
                case "SUM", "AVG" -> {
                    Number n = SqlValues.number(value);
                    if (n == null) {
                        throw SelectException.castFailed();
                    }
                    sum = sum == null ? n : (Number) SqlValues.arithmetic("+", sum, n);
                }
                case "MIN", "MAX" -> {
                    Number n = value instanceof String ? SqlValues.number(value) : null;
                    Object candidate = n != null ? n : value;
                    Integer c = extreme == null ? null : SqlValues.compare(candidate, extreme);
                    if (extreme == null || c != null && (function.equals("MIN") ? c < 0 : c > 0)) {
                        extreme = candidate;
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public Object eval(Object record) {
            return switch (function) {
                case "COUNT" -> count;
                case "SUM" -> sum;
                case "AVG" -> sum == null ? null
                        : SqlValues.arithmetic("/", SqlValues.decimal(sum), java.math.BigDecimal.valueOf(count));
                default -> extreme;
            };
        }
    }

    /** One item of the SELECT list: its expression and the name it has in JSON output. */
    record Item(Expr expr, String name) {
    }

    /** A parsed {@code SELECT ... FROM S3Object ... WHERE ... LIMIT n}. */
    final class Query {
        /** Empty for {@code SELECT *}. */
        final List<Item> items;
        /** The path of the FROM clause after {@code S3Object}, {@code [*]} as a step of index -1. */
        final List<Path.Step> source;
        final String alias;
        final Expr where;
        final long limit;
        final List<Aggregate> aggregates;

        Query(List<Item> items, List<Path.Step> source, String alias, Expr where, long limit,
              List<Aggregate> aggregates) {
            this.items = List.copyOf(items);
            this.source = List.copyOf(source);
            this.alias = alias;
            this.where = where;
            this.limit = limit;
            this.aggregates = List.copyOf(aggregates);
        }

        boolean aggregates() {
            return !aggregates.isEmpty();
        }

        /** The records the FROM path makes of one JSON value of the input. */
        List<Object> sources(Object root) {
            List<Object> values = new ArrayList<>(List.of(root));
            boolean first = true;
            for (Path.Step step : source) {
                List<Object> next = new ArrayList<>();
                for (Object value : values) {
                    if (step.name() == null && step.index() < 0) {
                        // [*]: the root itself first, then each element of an array
                        if (first) {
                            next.add(value);
                        } else if (value instanceof List<?> list) {
                            next.addAll(list);
                        }
                    } else {
                        Object child = Path.field(value, step);
                        if (child != SqlValues.MISSING) {
                            next.add(child);
                        }
                    }
                }
                first = false;
                values = next;
            }
            return values;
        }
    }
}
