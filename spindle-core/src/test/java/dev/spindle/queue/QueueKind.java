package dev.spindle.queue;

import java.util.List;

/**
 * The three queues that share {@link Queue}'s implementation, for tests that run the common
 * contract against each of them ({@code @EnumSource(QueueKind.class)}).
 */
enum QueueKind {
    FIFO {
        @Override
        <E> Queue<E> create(int maxsize) {
            return new Queue<>(maxsize);
        }
    },
    LIFO {
        @Override
        <E> Queue<E> create(int maxsize) {
            return new LifoQueue<>(maxsize);
        }
    },
    PRIORITY {
        @Override
        <E> Queue<E> create(int maxsize) {
            return new PriorityQueue<>(maxsize);
        }
    };

    /** A new queue of this kind; {@code maxsize <= 0} is unbounded. */
    abstract <E> Queue<E> create(int maxsize);

    /** The order in which {@code get()} returns the integers put in the order {@code put}. */
    List<Integer> retrievalOrder(List<Integer> put) {
        return switch (this) {
            case FIFO -> put;
            case LIFO -> put.reversed();
            case PRIORITY -> put.stream().sorted().toList();
        };
    }
}
