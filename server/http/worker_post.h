#pragma once
// Runs a task on a Pistache worker thread: the one way to get back onto the
// thread that owns a connection, private to the Pistache bridge. A
// connection's state is only ever touched on its worker, so job pool
// threads hand their results over this way.
//
// Pistache 0.0.5 has no task queue. Its Transport takes timers from other
// threads through a queue that its thread reads as soon as it is woken
// (Transport::armTimer), and settles a timer's promise on that thread; a
// timer that cannot be armed is rejected there at once. We hand it a timer
// with no file descriptor and run the task in the rejection's handler: the
// task runs on the worker as soon as it reads its queue. (A real timerfd
// could wait no less than the 1 ms Pistache arms timers by, and each
// heavy response, every write among them, waited that long.)
#include <functional>

namespace Pistache::Tcp {
class Transport;
}

namespace server::http {

// Runs task on transport's thread. Call it from another thread (a job
// pool's): on transport's own thread the task would run at once, inside
// the call. The task must not throw. If the transport stops first, it
// never runs.
void post_to_worker(Pistache::Tcp::Transport& transport, std::function<void()> task);

}  // namespace server::http
