/**
 * CloudWatch metric math: the expression language of {@code GetMetricData} and metric-math alarms, as
 * AWS's CloudWatch User Guide describes it in "Using metric math" (section "Metric math syntax and
 * functions", docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * MetricMathExpression expression = MetricMath.parse("SUM(METRICS()) / PERIOD(m1)");   // MetricMathException
 * MathContext context = MathContext.builder(start, end, 60)
 *         .metric("m1", m1Series).metric("m2", m2Series)                              // metric queries
 *         .build();
 * MathResult result = expression.evaluate(context);
 * List<TimeSeries> forResponse = result.labelled("e1", label);
 * // or, for all the expressions of a request at once, in dependency order:
 * Map<String, MathResult> results = MetricMath.evaluateAll(context, expressionQueries);
 * }</pre>
 *
 * <p>The metrics service reaches it through {@link dev.gureum.monitoring.math.MetricMathEvaluator}, its
 * {@code ExpressionEvaluator}: GetMetricData's expressions and those of metric-math alarms.
 *
 * <h2>The language</h2>
 * Numbers ({@code 5}, {@code 0.5}, {@code 1e-36}), the ids of other queries (a lower-case letter, then
 * letters, digits, underscores), {@code [a, b]} arrays of time series, the operators
 * {@code + - * / ^}, unary {@code -}, comparisons {@code < <= > >= == !=} (1 for true, 0 for false),
 * {@code AND &&}, {@code OR ||} and {@code NOT} (not in AWS's table; accepted), parentheses, and
 * functions in upper case. Strings in double quotes are the filter of {@code METRICS}; the words
 * {@code REPEAT LINEAR} are FILL's and {@code AVG MIN MAX SUM ASC DESC} SORT's.
 *
 * <h2>Types and alignment (our reading of the guide)</h2>
 * <ul>
 *   <li>A value is a number (S), a time series (TS) or an array of time series (TS[]). The result of
 *       an expression must be a TS or a TS[]; a number is refused.</li>
 *   <li>A number with a TS applies to each datapoint of the TS. Two TS combine at every timestamp
 *       either has, "missing values in a time series are treated as 0" (so {@code m1 + m2} has a
 *       datapoint where only one of them has one). A TS[] with a number or a TS applies to each of its
 *       series, keeping their labels; two arrays cannot be combined.</li>
 *   <li>"If the value of a data point causes a function to attempt to divide by zero, the data point
 *       is dropped": so is any datapoint whose value is not a number (0/0, {@code LOG(0)}), and the
 *       result then carries {@link dev.gureum.monitoring.math.MathMessage#ARITHMETIC_ERROR}, as
 *       GetMetricData reports it.</li>
 *   <li>SUM, AVG, MIN, MAX, STDDEV and DATAPOINT_COUNT of a single TS return a number, "the maximum value
 *       of all data points in the metric" and so on, not a series over the range: {@code MAX(m1)} alone
 *       is refused as a result, {@code m1 / MAX(m1)} and {@code TIME_SERIES(MAX(m1))} are series. Of a
 *       TS[] they return a TS with the statistic across the series at each timestamp; for AVG a series
 *       without a datapoint there counts as 0 ("Missing values are treated as 0").</li>
 *   <li>FILL, TIME_SERIES and MINUTE/HOUR/DAY/DATE/MONTH/YEAR/EPOCH give a datapoint at every
 *       {@code start + k * period} of the window {@code [start, end)} of the {@link
 *       dev.gureum.monitoring.math.MathContext}.</li>
 *   <li>IF follows the guide's tables: see {@code Conditional}.</li>
 *   <li>Functions of one series (ABS, CEIL, FLOOR, LOG, LOG10, DIFF, DIFF_TIME, RATE, RUNNING_SUM,
 *       FILL, the calendar functions) map over arrays; functions of arrays (FIRST, LAST, SLICE, SORT,
 *       REMOVE_EMPTY, METRIC_COUNT, CONCAT) take a single TS as an array of one.</li>
 * </ul>
 *
 * <h2>Labels</h2>
 * A single-series result is labelled with its query's label, or its id when the query has none; the
 * series of an array result keep the labels of their metrics, after the query's label and a space when
 * it has one (the guide: "Expression-Label Metric-Label"). See {@link
 * dev.gureum.monitoring.math.MathResult#labelled}.
 *
 * <h2>Not emulated</h2>
 * ANOMALY_DETECTION_BAND, DB_PERF_INSIGHTS, INSIGHT_RULE_METRIC, LAMBDA, SEARCH, SERVICE_QUOTA and
 * Metrics Insights ({@code SELECT ...}) queries are refused when parsed, with
 * {@link dev.gureum.monitoring.math.MetricMathException.Reason#UNSUPPORTED}.
 */
package dev.gureum.monitoring.math;
