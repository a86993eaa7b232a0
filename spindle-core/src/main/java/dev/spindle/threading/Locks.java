package dev.spindle.threading;

/** Formatting shared by the locks' {@code toString()}. */
final class Locks {

    private Locks() {}

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
