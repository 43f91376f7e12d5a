// A local SMTP sink for tests: listens on 127.0.0.1 on a free port, answers one connection at a time as a
// relay would (EHLO, MAIL, RCPT, DATA, QUIT; no STARTTLS), keeps each message it accepts, and can refuse
// recipients with a reply of the test's choosing (a 550). It stops by itself when destroyed. Thread-safety:
// the accessors lock; the sink serves on a thread of its own.
#pragma once

#include <boost/asio.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mf::testing {

class SmtpSink {
  public:
    struct Received {
        std::string mail_from;
        std::vector<std::string> rcpt_to;
        std::string data;  // the message as sent, dot-stuffing undone, ending in CRLF
    };

    SmtpSink() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { serve(); });
    }
    ~SmtpSink() {
        stopping_ = true;
        boost::system::error_code ignored;
        boost::asio::ip::tcp::socket poke(io_);
        poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ignored);  // wakes accept()
        thread_.join();
    }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    uint16_t port() const { return port_; }
    // The reply to every RCPT from now on ("" = "250 OK").
    void refuse_recipients(std::string reply) {
        std::lock_guard lock(mutex_);
        rcpt_reply_ = std::move(reply);
    }
    std::vector<Received> received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }

  private:
    void serve() {
        while (!stopping_) {
            boost::asio::ip::tcp::socket socket(io_);
            boost::system::error_code error;
            acceptor_.accept(socket, error);
            if (error || stopping_)
                continue;
            session(socket);
        }
    }

    static bool read_line(boost::asio::ip::tcp::socket& socket, boost::asio::streambuf& buffer,
                          std::string& line) {
        boost::system::error_code error;
        boost::asio::read_until(socket, buffer, "\r\n", error);
        if (error)
            return false;
        std::istream in(&buffer);
        std::getline(in, line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        return true;
    }

    void session(boost::asio::ip::tcp::socket& socket) {
        boost::system::error_code error;
        auto say = [&](const std::string& reply) {
            boost::asio::write(socket, boost::asio::buffer(reply + "\r\n"), error);
        };
        boost::asio::streambuf buffer;
        say("220 sink.test ESMTP");
        Received current;
        bool accepted_rcpt = false;
        std::string line;
        // At most 1,000 commands per connection: a confused client cannot keep the sink busy forever.
        for (int commands = 0; commands < 1000 && read_line(socket, buffer, line); ++commands) {
            const std::string verb = line.substr(0, 4);
            if (verb == "EHLO" || verb == "HELO") {
                say("250-sink.test\r\n250 8BITMIME");
            } else if (verb == "MAIL") {
                current = Received{};
                accepted_rcpt = false;
                current.mail_from = line.substr(line.find(':') + 1);
                say("250 OK");
            } else if (verb == "RCPT") {
                std::string refusal;
                {
                    std::lock_guard lock(mutex_);
                    refusal = rcpt_reply_;
                }
                if (refusal.empty()) {
                    current.rcpt_to.push_back(line.substr(line.find(':') + 1));
                    accepted_rcpt = true;
                    say("250 OK");
                } else {
                    say(refusal);
                }
            } else if (verb == "DATA") {
                if (!accepted_rcpt) {
                    say("554 no valid recipients");
                    continue;
                }
                say("354 go ahead");
                std::string data_line;
                while (read_line(socket, buffer, data_line) && data_line != ".") {
                    if (!data_line.empty() && data_line.front() == '.')
                        data_line.erase(0, 1);
                    current.data += data_line + "\r\n";
                }
                {
                    std::lock_guard lock(mutex_);
                    received_.push_back(current);
                }
                say("250 OK queued");
            } else if (verb == "QUIT") {
                say("221 bye");
                return;
            } else {
                say("250 OK");
            }
        }
    }

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::string rcpt_reply_;
    std::vector<Received> received_;
    std::thread thread_;
};

// A port on 127.0.0.1 with nothing listening: bound, then closed (a relay that is down).
inline uint16_t closed_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

}  // namespace mf::testing
