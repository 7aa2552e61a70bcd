package org.talkfx.panel.ui;

import org.talkfx.panel.model.ServiceStatus;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;

/**
 * The render service's state as a coloured dot and a line (starting, ready, busy, unreachable, missing models),
 * like Krita AI Diffusion's connection indicator; click it for the details (the missing files, one a line).
 */
final class ServiceIndicator extends JPanel {
    private final Dot dot = new Dot();
    private final JLabel text = new JLabel("checking the render service…");
    private ServiceStatus status;

    ServiceIndicator() {
        super(new FlowLayout(FlowLayout.LEADING, 4, 0));
        setName("service-indicator");
        add(dot);
        add(text);
        text.setName("service-text");
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                showDetails();
            }
        });
    }

    void show(ServiceStatus s) {
        status = s;
        dot.color = switch (s.state()) {
            case STARTING -> new Color(0xE0C040);
            case READY -> new Color(0x40C060);
            case BUSY -> new Color(0x4090E0);
            case UNREACHABLE -> new Color(0xD04040);
            case MISSING_MODELS -> new Color(0xE07020);
        };
        String head = switch (s.state()) {
            case STARTING -> "Starting";
            case READY -> "Ready";
            case BUSY -> "Busy";
            case UNREACHABLE -> "Unreachable";
            case MISSING_MODELS -> "Missing models";
        };
        text.setText(s.state() == ServiceStatus.State.MISSING_MODELS ? head + " (" + s.missingFiles().size() + ")" : head);
        setToolTipText("<html>" + head + "<br>" + s.detail() + (s.missingFiles().isEmpty() ? "" : "<br>" + String.join("<br>", s.missingFiles())) + "</html>");
        dot.repaint();
    }

    ServiceStatus status() {
        return status;
    }

    void showDetails() {
        if (status == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(status.detail());
        if (!status.missingFiles().isEmpty()) {
            sb.append("\n\nPut these files into the model folder (see `talkfx doctor`):\n");
            status.missingFiles().forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        JOptionPane.showMessageDialog(this, sb.toString(), "Render service", JOptionPane.INFORMATION_MESSAGE);
    }

    private static final class Dot extends JComponent {
        Color color = Color.GRAY;

        @Override
        public Dimension getPreferredSize() {
            int d = getFontMetrics(getFont()).getAscent();
            return new Dimension(d, d);
        }

        @Override
        protected void paintComponent(Graphics g0) {
            Graphics2D g = (Graphics2D) g0;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int d = Math.min(getWidth(), getHeight()) - 2;
            g.setColor(color);
            g.fillOval(1, 1, d, d);
            g.setColor(color.darker());
            g.drawOval(1, 1, d, d);
        }
    }
}
