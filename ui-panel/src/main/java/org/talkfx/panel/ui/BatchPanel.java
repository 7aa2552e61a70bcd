package org.talkfx.panel.ui;

import org.talkfx.panel.model.BatchQueue;
import org.talkfx.panel.work.ServiceConnection;
import org.talkfx.service.JobStatus;
import org.talkfx.service.ServiceClient;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.timeline.Timeline;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingWorker;
import javax.swing.table.AbstractTableModel;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shots of the imported timeline with their status: "no setup" (save one as {@code <shot>.talkfx.json} next
 * to the timeline), "ready", then the job's state. "Queue all" submits every shot with a setup; statuses refresh
 * from the service while jobs run.
 */
final class BatchPanel extends JPanel {
    private final ServiceConnection service;
    private final Consumer<Throwable> onError;
    private BatchQueue queue = new BatchQueue();
    private final Table table = new Table();
    final JButton queueAll = new JButton("Queue all shots with a setup");
    private final JLabel hint = new JLabel("Import a timeline to list its shots.");

    BatchPanel(ServiceConnection service, Consumer<Throwable> onError) {
        super(new BorderLayout());
        this.service = service;
        this.onError = onError;
        JTable t = new JTable(table);
        t.setName("batch-table");
        t.setRowHeight(t.getFontMetrics(t.getFont()).getHeight() + 4);
        add(new JScrollPane(t), BorderLayout.CENTER);
        JPanel bottom = new JPanel(new FlowLayout(FlowLayout.LEADING));
        queueAll.setMnemonic('Q');
        queueAll.addActionListener(e -> queueAll());
        bottom.add(queueAll);
        bottom.add(hint);
        add(bottom, BorderLayout.SOUTH);
    }

    void setTimeline(Timeline tl) {
        queue = BatchQueue.of(tl);
        hint.setText(queue.shots().size() + " shots in " + tl.file().getFileName());
        table.fireTableDataChanged();
    }

    List<BatchQueue.Shot> shots() {
        return queue.shots();
    }

    private void queueAll() {
        Optional<ServiceClient> client = service.client();
        if (client.isEmpty()) {
            onError.accept(new IllegalStateException("The render service is not running. Press \"Start service\" on the Jobs tab, then queue again."));
            return;
        }
        BatchQueue q = queue;
        new SwingWorker<Void, Object[]>() {
            @Override
            protected Void doInBackground() {
                List<BatchQueue.Shot> shots = q.shots();
                for (int i = 0; i < shots.size(); i++) {
                    BatchQueue.Shot s = shots.get(i);
                    if (!java.nio.file.Files.isRegularFile(s.setupFile())) {
                        continue;
                    }
                    try {
                        ShotSetup setup = new ShotSetupFile().load(s.setupFile());
                        publish(new Object[] {i, client.get().submit(setup, s.setupFile().getParent(), 0)});
                    } catch (Exception e) {
                        publish(new Object[] {i, e.getMessage()});
                    }
                }
                return null;
            }

            @Override
            protected void process(List<Object[]> rows) {
                for (Object[] r : rows) {
                    if (r[1] instanceof JobStatus st) {
                        q.update((Integer) r[0], st);
                    } else {
                        q.fail((Integer) r[0], String.valueOf(r[1]));
                    }
                }
                table.fireTableDataChanged();
            }
        }.execute();
    }

    /** Refreshes queued shots' states from the service (called by the window's timer, off the event thread). */
    void refreshFromService() {
        Optional<ServiceClient> client = service.client();
        if (client.isEmpty() || queue.shots().stream().allMatch(s -> s.jobId() == null)) {
            return;
        }
        BatchQueue q = queue;
        new SwingWorker<List<JobStatus>, Void>() {
            @Override
            protected List<JobStatus> doInBackground() throws Exception {
                return client.get().jobs();
            }

            @Override
            protected void done() {
                try {
                    List<JobStatus> jobs = get();
                    List<BatchQueue.Shot> shots = q.shots();
                    for (int i = 0; i < shots.size(); i++) {
                        String id = shots.get(i).jobId();
                        int row = i;
                        jobs.stream().filter(j -> j.id().equals(id)).findFirst().ifPresent(j -> q.update(row, j));
                    }
                    table.fireTableDataChanged();
                } catch (Exception ignored) {
                    // the indicator shows an unreachable service; the table keeps its last known states
                }
            }
        }.execute();
    }

    private final class Table extends AbstractTableModel {
        private final String[] columns = {"Shot", "Timecode", "Media", "Setup", "Status"};

        @Override
        public int getRowCount() {
            return queue.shots().size();
        }

        @Override
        public int getColumnCount() {
            return columns.length;
        }

        @Override
        public String getColumnName(int c) {
            return columns[c];
        }

        @Override
        public Object getValueAt(int r, int c) {
            BatchQueue.Shot s = queue.shots().get(r);
            return switch (c) {
                case 0 -> s.name();
                case 1 -> s.timecode();
                case 2 -> s.media() == null ? "(none)" : s.media().getFileName().toString();
                case 3 -> s.setupFile().getFileName().toString();
                default -> s.status();
            };
        }
    }
}
