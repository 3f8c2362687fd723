package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.load;
import static org.convene.localstack.YamlFiles.map;
import static org.convene.localstack.YamlFiles.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code docker/} ask only for metrics the services expose,
 * and compose mounts both where Grafana and Prometheus read them.
 *
 * <p>What the services expose is the union of the meters registered in the code ({@code meters.counter("x.y")} is
 * {@code x_y_total}, a gauge {@code x_y}) and the framework's metrics listed in {@code
 * monitoring/scraped-metric-names.txt}, scraped from a running {@code ./convene run} (how is in that file's header).
 */
class MonitoringFilesTests {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path DASHBOARD = REPOSITORY.resolve("docker/grafana/dashboards/convene-overview.json");
    private static final Path ALERTS = REPOSITORY.resolve("docker/prometheus/alerts.yml");
    private static final Path PROMETHEUS = REPOSITORY.resolve("docker/prometheus/prometheus.yml");

    /** PromQL functions, aggregations and keywords: identifiers that are not metric names. */
    private static final Set<String> PROMQL_WORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private static final Pattern REGISTERED = Pattern.compile(
            "(counter|gauge|MultiGauge\\.builder|Counter\\.builder|Gauge\\.builder)\\(\\s*\"(convene\\.[a-z0-9.]+)\"");

    @Test
    void everyDashboardPanelAsksOnlyForExposedMetrics() {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        Set<String> exposed = exposedMetrics();
        assertThat(expressions)
                .allSatisfy(expression -> assertThat(metricNames(expression))
                        .as("metrics of %s", expression)
                        .isNotEmpty()
                        .isSubsetOf(exposed));
    }

    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([a-z]+)\"");

    @Test
    void everyAlertRuleAsksOnlyForExposedMetrics() {
        Map<String, String> rules = alertRules();
        assertThat(rules)
                .containsKeys(
                        "ConveneServiceDown",
                        "ConveneOutboxBacklogGrowing",
                        "ConveneMessagesDeadLettered",
                        "ConveneEmailFailureRatioHigh",
                        "ConveneEmailsPendingNoneSent");
        Set<String> exposed = exposedMetrics();
        assertThat(rules)
                .allSatisfy((alert, expression) -> assertThat(metricNames(expression))
                        .as("metrics of alert %s: %s", alert, expression)
                        .isNotEmpty()
                        .isSubsetOf(exposed));
    }

    @Test
    void theDashboardCoversWhatOperatorsWatch() {
        Set<String> used = new TreeSet<>();
        dashboardExpressions().forEach(expression -> used.addAll(metricNames(expression)));
        assertThat(used)
                .contains(
                        "http_server_requests_seconds_count",
                        "http_server_requests_seconds_max",
                        "http_server_requests_seconds_bucket",
                        "convene_registrations_total",
                        "convene_event_seats_available",
                        "convene_emails_total",
                        "convene_newsletter_emails_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "convene_outbox_pending",
                        "convene_messages_dead_lettered_total",
                        "jvm_memory_used_bytes",
                        "jvm_gc_pause_seconds_sum",
                        "up");
    }

    @Test
    void composeMountsTheDashboardsAndTheRulesAndPrometheusLoadsTheRules() {
        Map<String, Object> services =
                map(load(REPOSITORY.resolve("docker-compose.yml")).get("services"));
        assertThat(strings(map(services.get("prometheus")).get("volumes")))
                .contains(
                        "./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(strings(map(services.get("grafana")).get("volumes")))
                .contains(
                        "./docker/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./docker/grafana/dashboards:/etc/grafana/dashboards:ro");
        assertThat(strings(load(PROMETHEUS).get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        Map<String, Object> provider =
                map(list(map(load(REPOSITORY.resolve("docker/grafana/provisioning/dashboards/dashboards.yml")))
                                .get("providers"))
                        .getFirst());
        assertThat(map(provider.get("options"))).containsEntry("path", "/etc/grafana/dashboards");
    }

    @Test
    void theExpressionParserFindsMetricNamesOnly() {
        assertThat(
                        metricNames(
                                "histogram_quantile(0.99, sum by (application, uri, le) (rate(http_server_requests_seconds_bucket{application=~\"$application\", uri!=\"x_y\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("min_over_time(a_b[10m]) > 0 and deriv(c_d[10m]) > 0 or up == 0"))
                .containsExactlyInAnyOrder("a_b", "c_d", "up");
    }

    @Test
    void everyMeterInTheCodeIsKnownAndTheScrapedListIsNotEmpty() {
        assertThat(metricsInCode())
                .contains(
                        "convene_registrations_total",
                        "convene_emails_total",
                        "convene_outbox_pending",
                        "convene_messages_dead_lettered_total");
        assertThat(scrapedMetrics()).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    static Set<String> metricNames(String expression) {
        String stripped = STRING.matcher(expression).replaceAll(" ");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        stripped = VARIABLE.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String word = matcher.group(1);
            boolean function = matcher.group(2) != null;
            if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    private static Set<String> exposedMetrics() {
        Set<String> exposed = new TreeSet<>(scrapedMetrics());
        exposed.addAll(metricsInCode());
        exposed.add("up"); // Prometheus's own, one per scrape target
        return exposed;
    }

    private static Set<String> scrapedMetrics() {
        try (Stream<String> lines = Files.lines(Path.of("src/test/resources/monitoring/scraped-metric-names.txt"))) {
            return lines.map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Convene's own meters, named as Micrometer's Prometheus registry writes them. */
    private static Set<String> metricsInCode() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.filter(path ->
                            path.toString().endsWith(".java") && path.toString().contains("/src/main/java/"))
                    .toList()) {
                String code = Files.readString(file);
                Matcher matcher = REGISTERED.matcher(code);
                while (matcher.find()) {
                    String name = matcher.group(2).replace('.', '_') + baseUnitSuffix(code, matcher.end());
                    names.add(matcher.group(1).toLowerCase().contains("counter") ? name + "_total" : name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Prometheus appends a meter's base unit to its name ({@code .baseUnit("seconds")} → {@code _seconds}). */
    private static String baseUnitSuffix(String code, int from) {
        int end = code.indexOf(".register(", from);
        Matcher unit = BASE_UNIT.matcher(code.substring(from, end < 0 ? code.length() : end));
        return unit.find() ? "_" + unit.group(1) : "";
    }

    private static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Object panel : list(load(DASHBOARD).get("panels"))) {
            for (Object target : list(map(panel).get("targets"))) {
                Object expression = map(target).get("expr");
                if (expression != null) {
                    expressions.add(String.valueOf(expression));
                }
            }
        }
        for (Object variable : list(map(load(DASHBOARD).get("templating")).get("list"))) {
            Object definition = map(variable).get("definition");
            if (definition != null) {
                // label_values(metric, label)
                expressions.add(String.valueOf(definition).replaceAll("label_values\\((\\w+),.*", "$1"));
            }
        }
        return expressions;
    }

    private static Map<String, String> alertRules() {
        Map<String, String> rules = new java.util.LinkedHashMap<>();
        for (Object group : list(load(ALERTS).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                rules.put(
                        String.valueOf(map(rule).get("alert")),
                        String.valueOf(map(rule).get("expr")));
            }
        }
        return rules;
    }
}
