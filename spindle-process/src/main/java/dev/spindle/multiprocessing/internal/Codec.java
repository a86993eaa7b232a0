package dev.spindle.multiprocessing.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Java serialization for everything that crosses a process boundary (tasks, messages, queue
 * items), with one {@link ObjectInputFilter} on every read.
 *
 * <p><b>Trust model.</b> Only processes of one tree talk to each other: a child gets the tree's
 * authentication key on its stdin from its parent, and every socket connection proves knowledge
 * of that key (an HMAC challenge, both ways) before a single object is read. The sockets live in
 * a directory only this user can open. Deserialization therefore reads bytes written by the
 * same program, and the filter is defence in depth, not the boundary: an allow-list is
 * impossible, since a task may use any class of the user's class path. The filter
 * <ul>
 *   <li>rejects classes of the well-known deserialization gadget chains (Commons Collections
 *       functors, Groovy's runtime, Xalan's {@code TemplatesImpl}, RMI and JNDI internals, and a
 *       few more; see {@link #DENIED});</li>
 *   <li>caps the graph: depth {@value #MAX_DEPTH}, {@value #MAX_REFERENCES} references, and no
 *       array longer than the message holds bytes (a 100-byte message cannot describe a real
 *       2^31-element array, so such a header is an allocation bomb);</li>
 *   <li>leaves every other decision to the JVM-wide filter ({@code jdk.serialFilter}), if the
 *       application set one: it is merged in, so it can still reject.</li>
 * </ul>
 *
 * <p>Classes are resolved through the thread's context class loader first, then as
 * {@link ObjectInputStream} does by default.
 */
public final class Codec {

    /** The deepest object graph accepted. */
    static final int MAX_DEPTH = 1_000;

    /** The most back-references accepted in one message. */
    static final long MAX_REFERENCES = 20_000_000L;

    /** Class-name prefixes that are never deserialized: the classic gadget chains. */
    static final List<String> DENIED = List.of(
            "org.apache.commons.collections.functors.",
            "org.apache.commons.collections4.functors.",
            "org.apache.commons.beanutils.BeanComparator",
            "org.codehaus.groovy.runtime.",
            "org.apache.xalan.xsltc.trax.TemplatesImpl",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "com.sun.rowset.JdbcRowSetImpl",
            "com.sun.jndi.",
            "sun.rmi.",
            "java.rmi.server.UnicastRemoteObject",
            "java.rmi.server.RemoteObjectInvocationHandler",
            "javax.management.BadAttributeValueExpException",
            "com.mchange.v2.c3p0.",
            "org.springframework.beans.factory.ObjectFactory",
            "org.hibernate.engine.spi.TypedValue",
            "org.python.core.",
            "bsh.",
            "clojure.",
            "net.sf.json.",
            "org.mozilla.javascript.");

    private static final IdentityHashMap<Object, Object> NO_REPLACEMENTS = new IdentityHashMap<>();

    private Codec() {}

    /**
     * Serializes {@code object}.
     *
     * @throws java.io.NotSerializableException if some object in the graph is not serializable
     * @throws IOException if a {@code writeObject}/{@code writeReplace} of the graph fails
     */
    public static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        serialize(object, NO_REPLACEMENTS, bytes);
        return bytes.toByteArray();
    }

    /**
     * Serializes {@code object} into {@code into} (which it closes), writing in place of each
     * object of the graph that is a key of {@code replacements} (compared by identity) its value:
     * a process pool puts the remote traceback where a task's exception held its cause.
     *
     * @throws java.io.NotSerializableException if some object in the graph is not serializable
     * @throws IOException if a {@code writeObject}/{@code writeReplace} of the graph fails
     */
    public static void serialize(Object object, IdentityHashMap<Object, Object> replacements, OutputStream into)
            throws IOException {
        try (ObjectOutputStream out = replacements.isEmpty() ? new ObjectOutputStream(into)
                : new ReplacingOutput(into, replacements)) {
            out.writeObject(object);
        }
    }

    /** Deserializes a whole array written by {@link #serialize(Object)}. */
    public static Object deserialize(byte[] data) throws IOException, ClassNotFoundException {
        return deserialize(data, 0, data.length);
    }

    /**
     * Deserializes {@code length} bytes at {@code offset}, through the filter.
     *
     * @throws InvalidClassException if the filter rejects the graph
     * @throws ClassNotFoundException if a class is not on this JVM's class path
     */
    public static Object deserialize(byte[] data, int offset, int length) throws IOException, ClassNotFoundException {
        try (FilteredInput in = new FilteredInput(new ByteArrayInputStream(data, offset, length), length)) {
            return in.readObject();
        }
    }

    /** The filter for one message of {@code messageBytes} bytes, merged with the JVM-wide filter. */
    static ObjectInputFilter filter(long messageBytes) {
        ObjectInputFilter ours = new Limits(messageBytes);
        ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
        return global == null ? ours : ObjectInputFilter.merge(ours, global);
    }

    /** Rejects denied classes and oversized graphs; leaves everything else undecided. */
    private record Limits(long messageBytes) implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
                    || info.arrayLength() > Math.max(messageBytes, 64)) {
                return Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            while (type != null && type.isArray()) {
                type = type.getComponentType();
            }
            if (type != null) {
                String name = type.getName();
                for (String denied : DENIED) {
                    if (name.startsWith(denied)) {
                        return Status.REJECTED;
                    }
                }
            }
            return Status.UNDECIDED;
        }
    }

    /** An {@link ObjectOutputStream} that writes replacements for some objects. */
    private static final class ReplacingOutput extends ObjectOutputStream {
        private final IdentityHashMap<Object, Object> replacements;

        ReplacingOutput(OutputStream out, IdentityHashMap<Object, Object> replacements) throws IOException {
            super(out);
            this.replacements = replacements;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            Object replacement = replacements.get(obj);
            return replacement != null ? replacement : obj;
        }
    }

    /** An {@link ObjectInputStream} with the filter set and the context class loader tried first. */
    private static final class FilteredInput extends ObjectInputStream {
        FilteredInput(InputStream in, long messageBytes) throws IOException {
            super(in);
            setObjectInputFilter(filter(messageBytes));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the default: the latest user-defined loader on the stack
                }
            }
            return super.resolveClass(desc);
        }
    }
}
