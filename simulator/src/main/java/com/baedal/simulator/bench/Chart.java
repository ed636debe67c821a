package com.baedal.simulator.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import lombok.RequiredArgsConstructor;

/**
 * The PNG of a run, drawn with plain Java2D (headless): complete orders per second over time (with the raw engine's
 * best as a dashed line) above, p99 latencies per second (placement, commands, read-model lag) below, the phases
 * shaded behind both.
 */
public final class Chart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 790;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x9467bd),
            new Color(0x2ca02c)};

    private Chart() {
    }

    public static void write(List<Metrics.Sample> timeline, Double rawOrdersPerSecond, String title, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 26);
        double maxT = timeline.isEmpty() ? 1 : Math.max(1, timeline.get(timeline.size() - 1).second());
        double minT = timeline.isEmpty() ? 0 : timeline.get(0).second();
        Panel top = new Panel(50, 330, minT, maxT);
        Panel bottom = new Panel(420, 300, minT, maxT);
        double maxRate = Math.max(1, timeline.stream().mapToDouble(Metrics.Sample::endedPerSecond).max().orElse(1));
        if (rawOrdersPerSecond != null) {
            maxRate = Math.max(maxRate, rawOrdersPerSecond);
        }
        double maxLatency = Math.max(10, timeline.stream().mapToDouble(s -> Math.max(s.placeP99(),
                Math.max(s.commandP99(), s.lagP99()))).max().orElse(10));
        top.frame(g, timeline, maxRate * 1.1, "complete orders/s");
        bottom.frame(g, timeline, maxLatency * 1.1, "p99 latency per second (ms)");
        top.line(g, timeline, Metrics.Sample::endedPerSecond, SERIES[0]);
        if (rawOrdersPerSecond != null) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{8, 6}, 0));
            int y = top.y(rawOrdersPerSecond);
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(Locale.ROOT, "raw engine best %.1f/s", rawOrdersPerSecond), LEFT + 6, y - 4);
        }
        bottom.line(g, timeline, Metrics.Sample::placeP99, SERIES[1]);
        bottom.line(g, timeline, Metrics.Sample::commandP99, SERIES[2]);
        bottom.line(g, timeline, Metrics.Sample::lagP99, SERIES[3]);
        legend(g, 775, new String[]{"complete orders/s", "placement p99", "commands p99", "read-model lag p99"});
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void legend(Graphics2D g, int y, String[] labels) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT;
        for (int i = 0; i < labels.length; i++) {
            g.setColor(SERIES[i]);
            g.fillRect(x, y - 10, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(labels[i], x + 24, y - 4);
            x += 60 + g.getFontMetrics().stringWidth(labels[i]);
        }
    }

    @RequiredArgsConstructor
    private static final class Panel {
        private final int top;
        private final int height;
        private final double minT;
        private final double maxT;
        private double scale = 1;

        int x(double t) {
            return LEFT + (int) ((t - minT) / Math.max(1e-9, maxT - minT) * (WIDTH - LEFT - RIGHT));
        }

        int y(double value) {
            return top + height - (int) (Math.min(value, scale) / scale * height);
        }

        void frame(Graphics2D g, List<Metrics.Sample> timeline, double max, String label) {
            scale = max;
            // phase bands
            String phase = null;
            int bandStart = LEFT;
            int shade = 0;
            for (int i = 0; i <= timeline.size(); i++) {
                String name = i < timeline.size() ? timeline.get(i).phase() : null;
                if (i == timeline.size() || !name.equals(phase)) {
                    int end = i < timeline.size() ? x(timeline.get(i).second()) : WIDTH - RIGHT;
                    if (phase != null) {
                        g.setColor(shade++ % 2 == 0 ? new Color(0xf2f2f2) : new Color(0xe6eef7));
                        g.fillRect(bandStart, top, Math.max(1, end - bandStart), height);
                        g.setColor(Color.DARK_GRAY);
                        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                        g.drawString(phase, bandStart + 3, top + 12);
                    }
                    phase = name;
                    bandStart = end;
                }
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i <= 4; i++) {
                double value = max * i / 4;
                int y = top + height - (int) (height * i / 4.0);
                g.setColor(new Color(0xcccccc));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, value >= 10 ? "%.0f" : "%.1f", value), 8, y + 4);
            }
            for (int i = 0; i <= 10; i++) {
                double t = minT + (maxT - minT) * i / 10;
                g.drawString(String.format(Locale.ROOT, "%.0fs", t), x(t) - 10, top + height + 14);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(label, LEFT, top - 6);
        }

        void line(Graphics2D g, List<Metrics.Sample> timeline, ToDoubleFunction<Metrics.Sample> value, Color color) {
            g.setColor(color);
            g.setStroke(new BasicStroke(1.8f));
            for (int i = 1; i < timeline.size(); i++) {
                Metrics.Sample a = timeline.get(i - 1);
                Metrics.Sample b = timeline.get(i);
                g.drawLine(x(a.second()), y(value.applyAsDouble(a)), x(b.second()), y(value.applyAsDouble(b)));
            }
        }
    }
}
