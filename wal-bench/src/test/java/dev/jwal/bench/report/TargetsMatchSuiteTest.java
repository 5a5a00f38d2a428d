package dev.jwal.bench.report;

import dev.jwal.bench.ShortProfile;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every target of {@code targets.json} names a JMH benchmark the suite still has: the class, a {@link Benchmark}
 * method of each name, a {@link Param} of each parameter name (on the class or a {@link State} it takes), each
 * fixed value among the values the annotation or the short profile gives it; and the short profile measures it.
 * A renamed benchmark, method or parameter fails here instead of showing as "not measured" in a report.
 */
class TargetsMatchSuiteTest {
    private static final String PACKAGE = "dev.jwal.bench.";

    @Test
    void everyTargetNamesABenchmarkOfTheSuite() {
        List<TargetSpec> specs = TargetSpec.load();
        assertThat(specs).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (TargetSpec spec : specs) {
            problems.addAll(problems(spec));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyHeadlineStepRunsBenchmarksOfTheSuiteWithParametersTheyDeclare() {
        List<String> problems = new ArrayList<>();
        for (ShortProfile.Step step : ShortProfile.headlineSteps()) {
            Pattern include = Pattern.compile(step.include());
            Set<Class<?>> states = new HashSet<>();
            for (String name : List.of("AppendBenchmark", "NaiveJsonLinesBenchmark", "RawWriteBenchmark",
                    "AppendThreadsBenchmark", "RawGroupCommitBenchmark", "StorageThreadsBenchmark", "RecoveryBenchmark")) {
                Class<?> type = benchmarkClass(name).orElseThrow();
                Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                        .filter(m -> include.matcher(PACKAGE + name + "." + m.getName()).find())
                        .forEach(m -> {
                            states.add(type);
                            Arrays.stream(m.getParameterTypes()).filter(t -> t.isAnnotationPresent(State.class))
                                    .forEach(states::add);
                        });
            }
            if (states.isEmpty()) {
                problems.add(step.name() + ": runs no benchmark");
                continue;
            }
            Map<String, Set<String>> declared = declaredParams(states);
            step.params().forEach((name, values) -> {
                if (!declared.containsKey(name)) {
                    problems.add(step.name() + ": no @Param " + name);
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aRenamedMethodOrParameterIsCaught() throws IOException {
        String json = """
                {"targets": [{"label": "l", "show": "ops", "goal": 1,
                  "measured": {"benchmark": "AppendBenchmark", "methods": ["appendd"], "params": {"sync": ["manual"]}},
                  "baseline": {"benchmark": "RawWriteBenchmark", "methods": ["write"], "same": ["layuot"]}},
                 {"label": "l", "show": "ops", "goal": 1,
                  "measured": {"benchmark": "GoneBenchmark", "methods": ["append"]},
                  "baseline": {"benchmark": "AppendBenchmark", "methods": ["append"], "params": {"sync": ["hourly"]}}}]}
                """;
        List<String> problems = new ArrayList<>();
        for (TargetSpec spec : TargetSpec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            problems.addAll(problems(spec));
        }
        assertThat(problems).anyMatch(p -> p.contains("AppendBenchmark has no @Benchmark method appendd"))
                .anyMatch(p -> p.contains("RawWriteBenchmark has no @Param layuot"))
                .anyMatch(p -> p.contains("no class dev.jwal.bench.GoneBenchmark"))
                .anyMatch(p -> p.contains("AppendBenchmark's sync is never hourly"));
    }

    private static List<String> problems(TargetSpec spec) {
        List<String> problems = new ArrayList<>();
        TargetSpec.Measured measured = spec.measured();
        if (measured.source() != null) {
            if (!measured.source().equals(TargetSpec.WAL_APPEND)) {
                problems.add(spec.label() + ": unknown source " + measured.source());
            }
        } else {
            check(spec.label(), measured.benchmark(), measured.methods(), measured.params(), List.of(), problems);
            if (problems.isEmpty() && !measuredByProfile(measured)) {
                problems.add(spec.label() + ": no ShortProfile step runs " + measured.benchmark() + "."
                        + measured.methods().get(0) + " with " + measured.params());
            }
        }
        TargetSpec.Baseline baseline = spec.baseline();
        if (baseline.value() == null) {
            check(spec.label() + " (baseline)", baseline.benchmark(), baseline.methods(), baseline.params(),
                    baseline.same(), problems);
        }
        return problems;
    }

    private static void check(String where, String benchmark, List<String> methods, Map<String, List<String>> params,
                              List<String> same, List<String> problems) {
        Optional<Class<?>> type = benchmarkClass(benchmark);
        if (type.isEmpty()) {
            problems.add(where + ": no class " + PACKAGE + benchmark);
            return;
        }
        if (methods.isEmpty()) {
            problems.add(where + ": no method named");
        }
        Set<Class<?>> states = new HashSet<>(List.of(type.get()));
        for (String name : methods) {
            Optional<Method> method = Arrays.stream(type.get().getMethods())
                    .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(Benchmark.class)).findFirst();
            if (method.isEmpty()) {
                problems.add(where + ": " + benchmark + " has no @Benchmark method " + name);
            } else {
                Arrays.stream(method.get().getParameterTypes()).filter(p -> p.isAnnotationPresent(State.class))
                        .forEach(states::add);
            }
        }
        Map<String, Set<String>> declared = declaredParams(states);
        for (String name : same) {
            if (!declared.containsKey(name)) {
                problems.add(where + ": " + benchmark + " has no @Param " + name);
            }
        }
        params.forEach((name, values) -> {
            if (!declared.containsKey(name)) {
                problems.add(where + ": " + benchmark + " has no @Param " + name);
                return;
            }
            Set<String> known = new HashSet<>(declared.get(name));
            known.addAll(profileValues(benchmark, methods, name));
            values.stream().filter(v -> !known.contains(v)).forEach(v -> problems.add(where + ": " + benchmark + "'s "
                    + name + " is never " + v + " (declared or run: " + known + ")"));
        });
    }

    private static Optional<Class<?>> benchmarkClass(String simpleName) {
        try {
            return Optional.of(Class.forName(PACKAGE + simpleName));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The @Param fields of these state classes (and their superclasses), with their declared values. */
    private static Map<String, Set<String>> declaredParams(Set<Class<?>> states) {
        Map<String, Set<String>> params = new HashMap<>();
        for (Class<?> state : states) {
            for (Class<?> c = state; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Param param = field.getAnnotation(Param.class);
                    if (param != null) {
                        params.computeIfAbsent(field.getName(), k -> new HashSet<>()).addAll(List.of(param.value()));
                    }
                }
            }
        }
        return params;
    }

    /** The values the short profile's steps that run one of these methods give the parameter. */
    private static Set<String> profileValues(String benchmark, List<String> methods, String param) {
        Set<String> values = new HashSet<>();
        for (ShortProfile.Step step : ShortProfile.steps()) {
            if (runs(step, benchmark, methods) && step.params().containsKey(param)) {
                values.addAll(List.of(step.params().get(param).split(",")));
            }
        }
        return values;
    }

    /** Whether a profile step (not the allocation-profiled ones, whose speed the report never uses) runs it. */
    private static boolean measuredByProfile(TargetSpec.Measured measured) {
        Class<?> type = benchmarkClass(measured.benchmark()).orElseThrow();
        for (ShortProfile.Step step : ShortProfile.steps()) {
            if (step.allocation() || !runs(step, measured.benchmark(), measured.methods())) {
                continue;
            }
            boolean all = measured.params().entrySet().stream().allMatch(e -> {
                String given = step.params().get(e.getKey());
                Set<String> run = given != null ? Set.of(given.split(","))
                        : declaredParams(Set.of(type)).getOrDefault(e.getKey(), Set.of());
                return e.getValue().stream().anyMatch(run::contains);
            });
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean runs(ShortProfile.Step step, String benchmark, List<String> methods) {
        Pattern include = Pattern.compile(step.include());
        return methods.stream().anyMatch(m -> include.matcher(PACKAGE + benchmark + "." + m).find());
    }
}
