package com.baedal.simulator.chaos;

import com.baedal.local.RunningPlatform;
import com.baedal.simulator.Cli;
import com.baedal.simulator.bench.Bench;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** {@code ./baedal chaos [options]}: runs {@link ChaosRunner} against the platform of {@code ./baedal up}. */
public final class Chaos {

    static final String USAGE = """
            usage: chaos [--run-dir .baedal/run] [--only NAME[,NAME...]] [--list] [--concurrency 3]
                         [--provider-delay 40s] [--kafka-pause 20s] [--settle 90s]
              --only            run these scenarios only (names as --list prints them)
              --concurrency     virtual customers ordering while a service is killed
              --provider-delay  how long the card provider waits before answering in "provider slow past the lock":
                                more than the workers' lock on a charge task
              --kafka-pause     how long Kafka stays frozen (SIGSTOP) in "kafka down"
              --settle          how long orders may take to end after a scenario before they count as lost
            Exit code 0 when every scenario survived with no order lost, no double charge and no money kept.
            """;

    private Chaos() {
    }

    /** Parsed command line: where the platform's run directory is, and the runner's options. */
    record CommandLine(Path runDirectory, ChaosRunner.Options options, boolean list) {
    }

    public static void main(String[] args) throws Exception {
        Optional<CommandLine> parsed = Cli.parse(args, USAGE, Chaos::parse);
        if (parsed.isEmpty()) {
            return;
        }
        CommandLine command = parsed.get();
        Optional<RunningPlatform> platform = RunningPlatform.read(command.runDirectory());
        if (platform.isEmpty()) {
            System.err.println("no running platform: " + command.runDirectory().resolve(RunningPlatform.FILE)
                    + " is missing (start ./baedal up first)");
            System.exit(2);
            return;
        }
        ChaosRunner runner = new ChaosRunner(platform.get(), command.options(), System.out);
        if (command.list()) {
            runner.names().forEach(System.out::println);
            return;
        }
        System.exit(runner.run().allSurvived() ? 0 : 1);
    }

    static CommandLine parse(String[] args) {
        ChaosRunner.Options o = ChaosRunner.Options.defaults();
        Cli.Arguments given = Cli.arguments(args, Set.of("--list"), Chaos::optionValue);
        return new CommandLine(given.valueOr("--run-dir", Path.of(".baedal", "run")),
                new ChaosRunner.Options(given.valueOr("--concurrency", o.concurrency()),
                        given.valueOr("--provider-delay", o.providerDelay()),
                        given.valueOr("--kafka-pause", o.kafkaPause()), o.recoveryLimit(),
                        given.valueOr("--settle", o.settle()), given.valueOr("--only", o.only())),
                given.has("--list"));
    }

    /** One option's value, converted for {@link CommandLine}; a bad value is refused in a message naming the option. */
    private static Object optionValue(String option, String value) {
        return switch (option) {
            case "--run-dir" -> Path.of(value);
            case "--only" -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            case "--concurrency" -> {
                int concurrency = Integer.parseInt(value);
                if (concurrency < 1) {
                    throw new IllegalArgumentException("--concurrency must be >= 1");
                }
                yield concurrency;
            }
            case "--provider-delay", "--kafka-pause", "--settle" -> Bench.duration(value);
            default -> throw Cli.unknownOption(option);
        };
    }
}
