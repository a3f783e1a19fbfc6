package io.touchpulse.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the detector remembers about one key (one segment × touchpoint × metric), in constant
 * memory: the baselines (plain, and daily/weekly profiles when seasonality is on), the surprise
 * statistics and the alert. Mutable, owned by one caller at a time (a Kafka Streams task), stored
 * between windows with {@link #encode()} / {@link #decode(byte[])}: a version byte first, then the
 * fields, so a later version can still read old state. About 0.2 KB without seasonality, 2.3 KB
 * with AUTO (the 168-bucket weekly profile is most of it).
 */
public final class State {
    static final byte VERSION = 1;
    static final byte UNSET = 0;
    static final byte LEVEL = 1;
    static final byte RATE = 2;
    static final byte COUNT = 3;

    byte kind = UNSET;
    long observations;
    long lastTs = Long.MIN_VALUE;
    double interval = Double.NaN;
    int active;
    LevelModel[] models = new LevelModel[0];
    RateModel rate;
    Surprise surprise = new Surprise();
    Alarm alarm = new Alarm();
    Reversion reversion = new Reversion();

    /** Observations seen so far. */
    public long observations() {
        return observations;
    }

    /** Whether this key's alert is firing. */
    public boolean firing() {
        return alarm.firing;
    }

    /** Event time of the last observation, or {@link Long#MIN_VALUE} before the first. */
    public long lastObservation() {
        return lastTs;
    }

    /** The seasonal profile the baseline currently uses (NONE until one is learned, and for rates). */
    public Seasonality seasonalityInUse() {
        if (models.length == 0) {
            return Seasonality.NONE;
        }
        return switch (models[active].type) {
            case LevelModel.DAILY -> Seasonality.DAILY;
            case LevelModel.WEEKLY -> Seasonality.WEEKLY;
            default -> Seasonality.NONE;
        };
    }

    LevelModel activeModel() {
        return models[active];
    }

    /** Serialises this state: version byte first, then the fields. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(models.length > 1 ? 2560 : 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(kind);
            out.writeLong(observations);
            out.writeLong(lastTs);
            out.writeDouble(interval);
            out.writeByte(active);
            out.writeByte(models.length);
            for (LevelModel m : models) {
                m.write(out);
            }
            out.writeBoolean(rate != null);
            if (rate != null) {
                rate.write(out);
            }
            surprise.write(out);
            alarm.write(out);
            reversion.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state written by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the bytes are not a state of a version this code knows
     */
    public static State decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty detector state");
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("detector state version " + bytes[0] + ", this code reads version " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            State s = new State();
            s.kind = in.readByte();
            if (s.kind < UNSET || s.kind > COUNT) {
                throw new IOException("unknown kind " + s.kind);
            }
            s.observations = in.readLong();
            s.lastTs = in.readLong();
            s.interval = in.readDouble();
            s.active = in.readUnsignedByte();
            int count = in.readUnsignedByte();
            if (count > 3 || (count > 0 && s.active >= count)) {
                throw new IOException(count + " models, active " + s.active);
            }
            s.models = new LevelModel[count];
            for (int i = 0; i < count; i++) {
                s.models[i] = LevelModel.read(in);
            }
            s.rate = in.readBoolean() ? RateModel.read(in) : null;
            s.surprise = Surprise.read(in);
            s.alarm = Alarm.read(in);
            s.reversion = Reversion.read(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " trailing bytes");
            }
            return s;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated detector state (" + bytes.length + " bytes)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt detector state: " + e.getMessage(), e);
        }
    }
}
