package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.load;
import static org.convene.localstack.YamlFiles.map;
import static org.convene.localstack.YamlFiles.strings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules in {@code docker/prometheus/alerts.yml} do what they say: promtool (Debian's
 * prometheus package) checks them and runs their unit tests in {@code alerts.test.yml}, series in, alerts out,
 * including the cases where a rule must stay quiet. Without promtool these fail, saying how to install it.
 */
class AlertRulesTests {

    private static final Path PROMETHEUS_DIRECTORY =
            Path.of("").toAbsolutePath().getParent().resolve("docker/prometheus");
    private static final Path RULES = PROMETHEUS_DIRECTORY.resolve("alerts.yml");
    private static final Path RULE_TESTS = PROMETHEUS_DIRECTORY.resolve("alerts.test.yml");

    @Test
    void promtoolAcceptsTheRules() {
        var run = ExternalTool.PROMTOOL.run(PROMETHEUS_DIRECTORY, "check", "rules", RULES.toString());
        assertThat(run.exitCode()).as(run.report()).isZero();
    }

    @Test
    void everyRuleBehavesAsItsUnitTestsExpect() {
        var run = ExternalTool.PROMTOOL.run(PROMETHEUS_DIRECTORY, "test", "rules", RULE_TESTS.toString());
        assertThat(run.exitCode()).as(run.report()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleHasUnitTestsThatExpectItToFireAndToStayQuiet() {
        Set<String> rules = new TreeSet<>();
        for (Object group : list(load(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                rules.add(String.valueOf(map(rule).get("alert")));
            }
        }
        Set<String> fires = new TreeSet<>();
        Set<String> staysQuiet = new TreeSet<>();
        Map<String, Object> tests = load(RULE_TESTS);
        assertThat(strings(tests.get("rule_files"))).containsExactly("alerts.yml");
        for (Object test : list(tests.get("tests"))) {
            for (Object check : list(map(test).get("alert_rule_test"))) {
                String alert = String.valueOf(map(check).get("alertname"));
                (list(map(check).get("exp_alerts")).isEmpty() ? staysQuiet : fires).add(alert);
            }
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(7).contains("ConveneEmailsPendingNoneSent");
        assertThat(fires).as("rules with a case where they fire").isEqualTo(rules);
        assertThat(staysQuiet).as("rules with a case where they must not fire").isEqualTo(rules);
    }

    @Test
    void aMissingPromtoolIsReportedWithHowToInstallIt() {
        var missing = new ExternalTool("promtool-that-is-not-installed", "prometheus", "it unit-tests alert rules");
        assertThatThrownBy(missing::executable)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("promtool-that-is-not-installed is not installed")
                .hasMessageContaining("sudo apt-get install -y --no-install-recommends prometheus")
                .hasMessageContaining("./convene test installs it");
    }
}
