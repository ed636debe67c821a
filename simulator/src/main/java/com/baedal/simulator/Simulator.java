package com.baedal.simulator;

import java.net.URI;
import java.util.Locale;

/**
 * {@code ./baedal demo [--orders N] [--rate R] [--gateway URL]}: brings a running platform to life and prints a
 * progress bar, then a summary. {@code bench [options]} runs the benchmark instead ({@link
 * com.baedal.simulator.bench.Bench}), {@code chaos [options]} the fault scenarios ({@link
 * com.baedal.simulator.chaos.Chaos}).
 */
public final class Simulator {

    private Simulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            com.baedal.simulator.bench.Bench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("chaos")) {
            com.baedal.simulator.chaos.Chaos.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String gateway = "http://localhost:8080";
        int orders = 40;
        double rate = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "demo" -> { }
                case "--gateway" -> gateway = args[++i];
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("usage: demo [--orders N] [--rate orders-per-second] [--gateway URL]");
                    System.exit(2);
                }
            }
        }
        System.out.printf("Playing %d orders at %.1f/s through %s (Tasklist and Cockpit show them live)%n",
                orders, rate, gateway);
        Simulation simulation = new Simulation(new BaedalClient(URI.create(gateway)),
                Simulation.Settings.demo(orders, rate));
        Simulation.Progress last = simulation.run(progress -> System.out.print("\r" + bar(progress)));
        System.out.println();
        System.out.println(summary(last));
        System.exit(last.finished() == last.placed() && last.placed() == last.target() ? 0 : 1);
    }

    static String bar(Simulation.Progress progress) {
        int width = 30;
        int done = progress.target() == 0 ? width : progress.finished() * width / progress.target();
        return String.format(Locale.ROOT, "[%s%s] placed %d/%d  ended %d  (delivered %d, rejected %d, cancelled %d,"
                        + " payment failed %d)  errors %d ",
                "#".repeat(done), ".".repeat(width - done), progress.placed(), progress.target(), progress.finished(),
                progress.ended().get(Simulation.Outcome.DELIVERED), progress.ended().get(Simulation.Outcome.REJECTED),
                progress.ended().get(Simulation.Outcome.CANCELLED),
                progress.ended().get(Simulation.Outcome.PAYMENT_FAILED), progress.errors());
    }

    static String summary(Simulation.Progress progress) {
        return progress.finished() == progress.placed() && progress.placed() == progress.target()
                ? "Done: every order reached its end."
                : "Stopped with " + (progress.placed() - progress.finished()) + " order(s) still open and "
                        + (progress.target() - progress.placed()) + " not placed (see .baedal/logs/).";
    }
}
