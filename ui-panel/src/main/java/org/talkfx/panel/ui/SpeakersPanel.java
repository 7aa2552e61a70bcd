package org.talkfx.panel.ui;

import org.talkfx.panel.model.LaneClip;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.model.SpeakerSlot;
import org.talkfx.panel.model.Timecodes;
import org.talkfx.shot.AudioMode;

import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JToggleButton;
import javax.swing.SpinnerNumberModel;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

/** Speakers 1-4 with their clip, offset (timecode), gain, on/off and face track; and the para/add switch. */
final class SpeakersPanel extends JPanel {
    private final PanelModel model;
    private final JLabel[] clip = new JLabel[4];
    private final JLabel[] offset = new JLabel[4];
    private final JLabel[] face = new JLabel[4];
    private final JSpinner[] gain = new JSpinner[4];
    private final JCheckBox[] enabled = new JCheckBox[4];
    final JToggleButton para = new JToggleButton("Para: together");
    final JToggleButton add = new JToggleButton("Add: in turns");
    private boolean updating;

    SpeakersPanel(PanelModel model) {
        super(new GridBagLayout());
        this.model = model;
        setBorder(BorderFactory.createTitledBorder("Speakers"));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(2, 4, 2, 4);
        c.anchor = GridBagConstraints.WEST;
        String[] heads = {"", "Clip", "Offset", "Gain dB", "On", "Face"};
        for (int i = 0; i < heads.length; i++) {
            c.gridx = i;
            c.gridy = 0;
            add(new JLabel(heads[i]), c);
        }
        for (int s = 1; s <= 4; s++) {
            int speaker = s;
            c.gridy = s;
            c.gridx = 0;
            JLabel chip = new JLabel(" " + s + " ");
            chip.setOpaque(true);
            chip.setBackground(SpeakerColors.of(s));
            add(chip, c);
            c.gridx = 1;
            c.weightx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            add(clip[s - 1] = new JLabel(), c);
            c.weightx = 0;
            c.fill = GridBagConstraints.NONE;
            c.gridx = 2;
            add(offset[s - 1] = new JLabel(), c);
            c.gridx = 3;
            gain[s - 1] = new JSpinner(new SpinnerNumberModel(0.0, -60.0, 24.0, 0.5));
            gain[s - 1].setName("gain-" + s);
            gain[s - 1].addChangeListener(e -> {
                if (!updating) {
                    model.setGain(speaker, (Double) gain[speaker - 1].getValue());
                }
            });
            add(gain[s - 1], c);
            c.gridx = 4;
            enabled[s - 1] = new JCheckBox();
            enabled[s - 1].setName("enabled-" + s);
            enabled[s - 1].addActionListener(e -> model.setEnabled(speaker, enabled[speaker - 1].isSelected()));
            add(enabled[s - 1], c);
            c.gridx = 5;
            add(face[s - 1] = new JLabel(), c);
        }
        JPanel mode = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        mode.add(new JLabel("Audio mode:"));
        ButtonGroup g = new ButtonGroup();
        para.setName("mode-para");
        add.setName("mode-add");
        para.setMnemonic('P');
        add.setMnemonic('D');
        para.setToolTipText("para (Alt+P): every speaker on its own offset; voices may overlap");
        add.setToolTipText("add (Alt+D): speakers take turns, each starting when the previous one ends");
        g.add(para);
        g.add(add);
        mode.add(para);
        mode.add(add);
        para.addActionListener(e -> model.setAudioMode(AudioMode.PARA));
        add.addActionListener(e -> model.setAudioMode(AudioMode.ADD));
        c.gridy = 5;
        c.gridx = 0;
        c.gridwidth = 6;
        add(mode, c);
        model.addListener(ch -> refresh());
        refresh();
    }

    JSpinner gain(int speaker) {
        return gain[speaker - 1];
    }

    private void refresh() {
        updating = true;
        try {
            for (int s = 1; s <= 4; s++) {
                SpeakerSlot slot = model.slot(s);
                LaneClip c = slot.clip();
                clip[s - 1].setText(c == null ? "—" : c.name() + " (" + c.laneName() + ")" + (c.usable() ? "" : " ⚠ " + c.problem()));
                clip[s - 1].setName("clip-" + s);
                offset[s - 1].setText(c == null ? "" : Timecodes.offset(c.offsetSeconds(), model.rate()));
                gain[s - 1].setValue(slot.gainDb());
                enabled[s - 1].setSelected(slot.enabled());
                face[s - 1].setText(slot.faceTrack() == null ? "—" : "track " + slot.faceTrack());
            }
            para.setSelected(model.audioMode() == AudioMode.PARA);
            add.setSelected(model.audioMode() == AudioMode.ADD);
        } finally {
            updating = false;
        }
    }
}
