package net.spy.memcached.ops;

/** Asks the statistics of a server. */
public interface StatsOperation extends Operation {

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** One statistic. */
        void gotStat(String name, String val);
    }
}
