package dev.spindle.threading;

/** Formatting shared by the locks' {@code toString()}. */
final class Locks {

    private Locks() {}

    /** {@code "RLock 'accounts'"} for a named Spindle lock, {@code "RLock-3"} for an unnamed one. */
    static String label(Object lock) {
        if (lock instanceof Lock l) {
            return l.sync().label();
        }
        if (lock instanceof RLock r) {
            return r.sync().label();
        }
        return String.valueOf(lock);
    }

    /**
     * {@code Type[name, locked by owner, count=n]}: the name only when given, the count only
     * when {@code count >= 0}.
     */
    static String describe(String type, LockSync sync, int count) {
        Thread owner = sync.owner;
        StringBuilder sb = new StringBuilder(type).append('[');
        if (sync.named) {
            sb.append(sync.name).append(", ");
        }
        if (owner == null) {
            sb.append("unlocked");
        } else {
            sb.append("locked by ").append(owner.getName());
        }
        if (count >= 0) {
            sb.append(", count=").append(owner == null ? 0 : count);
        }
        return sb.append(']').toString();
    }
}
