package com.baedal.simulator.chaos;

import com.baedal.local.RunningPlatform;
import com.baedal.simulator.Cli;
import com.baedal.simulator.bench.Bench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
        Path runDirectory = Path.of(".baedal", "run");
        int concurrency = o.concurrency();
        Duration providerDelay = o.providerDelay();
        Duration kafkaPause = o.kafkaPause();
        Duration settle = o.settle();
        List<String> only = o.only();
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--list")) {
                list = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--run-dir" -> runDirectory = Path.of(value);
                case "--only" -> only = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList();
                case "--concurrency" -> {
                    concurrency = Integer.parseInt(value);
                    if (concurrency < 1) {
                        throw new IllegalArgumentException("--concurrency must be >= 1");
                    }
                }
                case "--provider-delay" -> providerDelay = Bench.duration(value);
                case "--kafka-pause" -> kafkaPause = Bench.duration(value);
                case "--settle" -> settle = Bench.duration(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new CommandLine(runDirectory, new ChaosRunner.Options(concurrency, providerDelay, kafkaPause,
                o.recoveryLimit(), settle, only), list);
    }
}
