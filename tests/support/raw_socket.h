#pragma once
// A raw TCP client for HTTP tests, for what curl hides: whether the server
// itself keeps or closes the socket, pipelining, HTTP/1.0, malformed
// heads, Expect: 100-continue, silent clients. Reads time out after 5 s.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace test_support {

class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  void send_all(const std::string& bytes) const {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      sent += static_cast<std::size_t>(n);
    }
  }

  // Ends our side (a half-close): the server sees EOF after what was sent.
  void shutdown_write() const { ::shutdown(fd_, SHUT_WR); }

  // One response: head and, per Content-Length, body ("" on EOF or timeout).
  std::string read_response(bool head_only = false) {
    while (buffer_.find("\r\n\r\n") == std::string::npos) {
      if (!fill()) return "";
    }
    const std::size_t head_end = buffer_.find("\r\n\r\n") + 4;
    std::size_t length = 0;
    const std::string head = buffer_.substr(0, head_end);
    if (const auto at = head.find("Content-Length: "); at != std::string::npos && !head_only) {
      length = std::stoul(head.substr(at + 16));
    }
    while (buffer_.size() < head_end + length) {
      if (!fill()) return "";
    }
    std::string response = buffer_.substr(0, head_end + length);
    buffer_.erase(0, head_end + length);
    return response;
  }

  // True when the server closed the connection (read returns 0) in time.
  bool closed_by_server() {
    if (!buffer_.empty()) return false;
    char byte = 0;
    return ::recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  std::string buffer_;
};

// The body of a response read by RawSocket::read_response.
inline std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

// The status code of a response ("HTTP/1.1 404 Not Found" -> 404), 0 if none.
inline int status_of(const std::string& response) {
  return response.size() >= 12 && response.starts_with("HTTP/1.") ? std::stoi(response.substr(9, 3)) : 0;
}

}  // namespace test_support
