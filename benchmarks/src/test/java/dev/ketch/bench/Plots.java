package dev.ketch.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/**
 * Draws the throughput harness's raw samples ({@code --out} TSV) as two PNGs: throughput per
 * workload and latency per workload, one panel per metric, one bar per client (its median over the
 * rounds), Ketch's bars in colour (an older build's in a lighter one). Run with {@code benchmarks/run.sh plot TSV DIR}; writes
 * {@code DIR/client-throughput.png} and {@code DIR/client-latency.png}, and {@code DIR/client-server-cost.png}
 * (memcached's CPU time per 1000 operations or keys) when the samples have it.
 */
public final class Plots {

    private static final int PANEL_WIDTH = 560;
    private static final int BAR_HEIGHT = 18;
    private static final int LABEL_WIDTH = 150;
    private static final Color KETCH = new Color(0x1f77b4);
    private static final Color KETCH_BEFORE = new Color(0x9ecae1);
    private static final Color PEER = new Color(0xb0b0b0);

    private Plots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Plots samples.tsv output-directory");
        }
        Map<String, Map<String, List<Double>>> samples = read(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        draw(samples, m -> !ClientThroughput.Results.lowerIsBetter(m), "Throughput (higher is better)",
                dir.resolve("client-throughput.png"));
        draw(samples, m -> ClientThroughput.Results.lowerIsBetter(m) && !ServerCpu.isCost(m), "Latency (lower is better)",
                dir.resolve("client-latency.png"));
        if (samples.keySet().stream().anyMatch(ServerCpu::isCost)) {
            draw(samples, ServerCpu::isCost, "memcached's CPU time per 1000 operations or keys (lower is better)",
                    dir.resolve("client-server-cost.png"));
        }
    }

    /** Ketch first, then its variants, then its baseline build, then the peers. */
    private static int rank(String client) {
        if (!BenchClients.isKetch(client)) {
            return 3;
        }
        return BenchClients.isBaseline(client) ? 2 : client.contains(BenchClients.SPIN) ? 1 : 0;
    }

    static Map<String, Map<String, List<Double>>> read(Path tsv) throws IOException {
        Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            samples.computeIfAbsent(f[0], m -> new LinkedHashMap<>()).computeIfAbsent(f[1], c -> new ArrayList<>())
                    .add(Double.parseDouble(f[3]));
        }
        return samples;
    }

    private static void draw(Map<String, Map<String, List<Double>>> samples, Predicate<String> metrics, String title,
            Path png) throws IOException {
        List<String> chosen = samples.keySet().stream().filter(metrics).toList();
        if (chosen.isEmpty()) {
            return;
        }
        int columns = 2;
        int rows = (chosen.size() + columns - 1) / columns;
        int clients = samples.values().stream().mapToInt(Map::size).max().orElse(1);
        int panelHeight = 40 + clients * (BAR_HEIGHT + 4) + 10;
        int width = columns * PANEL_WIDTH;
        int height = 40 + rows * panelHeight;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title + ": medians per client, memcached 1.6.18", 10, 26);
        for (int i = 0; i < chosen.size(); i++) {
            panel(g, chosen.get(i), samples.get(chosen.get(i)), (i % columns) * PANEL_WIDTH, 40 + (i / columns) * panelHeight);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, String metric, Map<String, List<Double>> byClient, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(metric, x + 10, y + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        double max = byClient.values().stream().mapToDouble(ClientThroughput.Results::median).max().orElse(1);
        int barMax = PANEL_WIDTH - LABEL_WIDTH - 90;
        int row = 0;
        List<Map.Entry<String, List<Double>>> ordered = new ArrayList<>(byClient.entrySet());
        ordered.sort(java.util.Comparator.comparing((Map.Entry<String, List<Double>> e) -> rank(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, List<Double>> e : ordered) {
            double median = ClientThroughput.Results.median(e.getValue());
            int top = y + 32 + row * (BAR_HEIGHT + 4);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), x + LABEL_WIDTH - 8 - fm.stringWidth(e.getKey()), top + BAR_HEIGHT - 4);
            int length = max > 0 ? (int) Math.round(barMax * median / max) : 0;
            g.setColor(BenchClients.isBaseline(e.getKey()) ? KETCH_BEFORE : BenchClients.isKetch(e.getKey()) ? KETCH : PEER);
            g.fillRect(x + LABEL_WIDTH, top, Math.max(1, length), BAR_HEIGHT);
            g.setColor(Color.DARK_GRAY);
            String label = ClientThroughput.Results.lowerIsBetter(metric) ? String.format(Locale.ROOT, "%.1f", median)
                    : String.format(Locale.ROOT, "%,.0f", median);
            g.drawString(label, x + LABEL_WIDTH + Math.max(1, length) + 4, top + BAR_HEIGHT - 4);
            row++;
        }
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x + LABEL_WIDTH, y + 28, x + LABEL_WIDTH, y + 32 + row * (BAR_HEIGHT + 4));
    }
}
