#include "cli/batch.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace sqp::cli {
namespace {

// About 100 applications: large enough that a block's bookkeeping and the hand-over between
// workers cost nothing per line, small enough that a block (128 KiB) and its results (~400 KB)
// stay in the core's L2 cache from the reading through the evaluation to the kernel's copy of
// them in write(2). With 1 MiB blocks (3 MB of results) that copy read from L3 or memory and
// was slower; 64 and 256 KiB were no better (docs/performance.md has the runs).
constexpr size_t kBlockBytes = 128u << 10;
// And at most this many lines (tiny lines), so the progress line still moves.
constexpr size_t kBlockLines = 4096;

// Input bytes, grown without being cleared first: a std::string zero-fills what resize adds,
// and here read(2) overwrites it at once (that memset showed in a --batch run's profile).
class ReadBuffer {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  void swap(ReadBuffer& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }
  // Room for `n` more bytes after the current ones, and where they go; Grow(k) then counts the
  // k of them that were written. May move the bytes (views into them end).
  char* Extend(size_t n) {
    Reserve(size_ + n);
    return data_.get() + size_;
  }
  void Grow(size_t n) { size_ += n; }
  // Keeps the first `n` bytes (n <= size()): nothing moves, views into them stay valid.
  void Shorten(size_t n) { size_ = n; }
  // `bytes` (from another buffer) in place of the contents, or before them. Nothing to copy
  // returns early: a buffer never grown has no storage, and memcpy's pointers must not be null.
  void Assign(std::string_view bytes) {
    size_ = 0;
    if (bytes.empty()) return;
    std::memcpy(Extend(bytes.size()), bytes.data(), bytes.size());
    size_ = bytes.size();
  }
  void Prepend(std::string_view bytes) {
    if (bytes.empty()) return;
    Reserve(size_ + bytes.size());
    std::memmove(data_.get() + bytes.size(), data_.get(), size_);
    std::memcpy(data_.get(), bytes.data(), bytes.size());
    size_ += bytes.size();
  }

 private:
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    const size_t capacity = std::max(n, 2 * capacity_);
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

struct Block {
  struct Line {
    size_t number;  // 1-based, blank lines counted
    std::string_view text;
    size_t skipped_bytes = 0;  // > 0: a line too long to hold, not in `text`, of this many
                               // document bytes (Engine::SkippedLine)
  };
  ReadBuffer text;  // whole lines; each but possibly the input's last ends with '\n'
  std::vector<Line> lines;  // the non-blank ones, views into `text`
  size_t lines_read = 0;    // lines read from the input up to the end of this block
  size_t sequence = 0;      // the block's place in the input
  bool last = false;        // nothing follows it
  std::string out;
  size_t errors = 0;
};

// Cuts the input into blocks of whole lines. Not thread-safe: the workers take turns.
class BlockReader {
 public:
  // A line longer than max_line_bytes (+ Engine::kLineSlack) is skipped, not held.
  BlockReader(int fd, size_t max_line_bytes)
      : fd_(fd), skip_beyond_(Engine::SkipBeyond(max_line_bytes)) {}

  // The next block, or false at the end of the input (or on a read error: read_errno()).
  // Time and memory are linear in the input whatever its lines: each byte read is searched for
  // '\n' once, and a line too long to answer is counted, not kept.
  bool Next(Block& block) {
    block.text.swap(carry_);  // the partial line the previous block left over
    carry_.clear();
    // The carried bytes may hold whole lines (a block cut at kBlockLines): searched once here.
    size_t last_newline = block.text.view().rfind('\n');
    while (!eof_) {
      if (block.text.size() >= kBlockBytes && last_newline != std::string::npos) break;
      const size_t line_start = last_newline == std::string::npos ? 0 : last_newline + 1;
      if (block.text.size() - line_start > skip_beyond_) {
        // The last line is too long to answer. After whole lines, it starts the next block;
        // alone, it is skipped to its end.
        if (last_newline != std::string::npos) break;
        return SkipLongLine(block);
      }
      const size_t old = block.text.size();
      const size_t want = std::max(kBlockBytes - std::min(old, kBlockBytes), size_t{64} << 10);
      const ssize_t n = ReadSome(block.text.Extend(want), want);
      if (n > 0) {
        block.text.Grow(static_cast<size_t>(n));
        const size_t nl = block.text.view().substr(old).rfind('\n');  // the new bytes only
        if (nl != std::string::npos) last_newline = old + nl;
      } else {
        eof_ = true;  // the end, or an error (read_errno_)
      }
    }
    if (eof_) {
      last_newline = block.text.empty() ? std::string::npos : block.text.size() - 1;
    } else {
      carry_.Assign(block.text.view().substr(last_newline + 1));
      block.text.Shorten(last_newline + 1);
    }
    if (block.text.empty()) return false;

    block.lines.clear();
    std::string_view rest = block.text.view();
    for (size_t count = 0; !rest.empty(); ++count) {  // as std::getline: "a\nb", "a\nb\n": 2 lines
      if (count == kBlockLines) {  // the rest waits for the next block
        carry_.Prepend(rest);
        block.text.Shorten(block.text.size() - rest.size());  // views stay valid
        break;
      }
      const size_t nl = rest.find('\n');
      const std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++lines_read_;
      if (!Engine::IsBlankLine(line)) {
        block.lines.push_back({lines_read_, Engine::LineDocument(line)});
      }
    }
    block.lines_read = lines_read_;
    block.last = eof_ && carry_.empty();
    return true;
  }

  int read_errno() const { return read_errno_; }

 private:
  // `block` holds the start of one line and nothing else: reads on to the line's end in
  // constant memory, counting, and makes the block of that one line, answered unread.
  bool SkipLongLine(Block& block) {
    const bool first = lines_read_ == 0;
    const bool bom = first && block.text.view().substr(0, 3) == "\xEF\xBB\xBF";
    Engine::SkippedLine line;
    line.Add(block.text.view());
    for (;;) {
      block.text.clear();
      constexpr size_t kChunk = size_t{64} << 10;
      const ssize_t n = ReadSome(block.text.Extend(kChunk), kChunk);
      if (n <= 0) {
        eof_ = true;
        break;
      }
      block.text.Grow(static_cast<size_t>(n));
      const std::string_view chunk = block.text.view();
      const size_t nl = chunk.find('\n');
      line.Add(chunk.substr(0, nl));
      if (nl != std::string_view::npos) {
        carry_.Assign(chunk.substr(nl + 1));
        break;
      }
    }
    block.text.clear();
    block.lines.clear();
    ++lines_read_;
    // The byte order mark of the first line is skipped (docs/cli.md), and so not counted.
    const size_t bytes = line.DocumentBytes(bom ? 3 : 0);
    if (!line.blank()) block.lines.push_back({lines_read_, std::string_view(), bytes});
    block.lines_read = lines_read_;
    block.last = eof_ && carry_.empty();
    return true;
  }

  ssize_t ReadSome(char* buffer, size_t size) { return sqp::cli::ReadSome(fd_, buffer, size, read_errno_); }

  int fd_;
  size_t skip_beyond_;
  ReadBuffer carry_;
  bool eof_ = false;
  size_t lines_read_ = 0;
  int read_errno_ = 0;
};

}  // namespace

ssize_t ReadSome(int fd, char* buffer, size_t size, int& error) {
  for (;;) {
    const ssize_t n = read(fd, buffer, size);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    error = errno;
    return -1;
  }
}

size_t WriteAll(std::string_view data, int& error) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(STDOUT_FILENO, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      error = n < 0 && errno != 0 ? errno : EIO;
      break;
    }
  }
  return done;
}

BatchCounts RunBatch(const Engine& engine, const std::string& operation, int fd, int threads,
                     const std::function<void(size_t lines, size_t errors)>& progress) {
  BlockReader reader(fd, engine.options().max_input_bytes);
  std::mutex read_mutex;  // the reader, and the order in which blocks are taken
  size_t next_sequence = 0;
  // The blocks, their order on the way out, and who writes: a worker parks every block it has
  // evaluated and goes on, rather than waiting for its turn. Unless a worker is already writing,
  // the one that parks the block next in line becomes the writer: it writes that block and the
  // parked ones that follow it in sequence (those parked meanwhile too), up to the first gap,
  // outside the lock. At most `threads + 2` blocks exist at once, so memory stays bounded when
  // one block is slow: a worker that would need more waits for one to be written.
  std::mutex state_mutex;
  std::condition_variable block_freed;
  std::vector<std::unique_ptr<Block>> free_blocks;  // reused, most recent first: warm in cache
  std::vector<std::unique_ptr<Block>> parked;       // evaluated, not yet written
  const size_t max_blocks = static_cast<size_t>(std::max(threads, 1)) + 2;
  size_t blocks = 0;           // in existence
  size_t next_to_write = 0;
  bool writing = false;        // a worker is writing parked blocks (it alone touches `counts`)
  BatchCounts counts;
  std::atomic<bool> write_failed{false};  // set by the writer whose write fell short
  // Blocks go straight to the descriptor (they are large; stdio would only copy them), so
  // whatever stdio holds goes first. On a regular file, a block cut short by a failing write
  // (a full disk, ulimit -f) is cut back to its last whole answer: the file ends on a whole
  // line, and `lines` says whose answer it is.
  std::fflush(stdout);
  struct stat out_stat {};
  const bool out_is_file = fstat(STDOUT_FILENO, &out_stat) == 0 && S_ISREG(out_stat.st_mode);

  // Writes one block in its turn (the caller is the one writer). After a failed write the later
  // blocks are dropped.
  const auto write_block = [&](Block& block) {
    if (write_failed.load(std::memory_order_relaxed)) return;
    int error = 0;
    const size_t written = WriteAll(block.out, error);
    if (written != block.out.size()) {
      write_failed.store(true, std::memory_order_relaxed);  // a full disk, /dev/full, ...
      counts.write_errno = error;
      // The answers written whole: one per '\n' (answers hold no raw newline).
      const std::string_view done(block.out.data(), written);
      const size_t whole = static_cast<size_t>(std::count(done.begin(), done.end(), '\n'));
      const size_t keep = whole == 0 ? 0 : done.rfind('\n') + 1;
      if (out_is_file && keep < written) {
        const off_t end = lseek(STDOUT_FILENO, 0, SEEK_CUR);
        if (end >= 0) {
          if (ftruncate(STDOUT_FILENO, end - static_cast<off_t>(written - keep)) == 0) {
            lseek(STDOUT_FILENO, end - static_cast<off_t>(written - keep), SEEK_SET);
          }
        }
      }
      if (whole > 0) counts.lines = block.lines[whole - 1].number;
    } else {
      counts.lines = block.lines_read;
      counts.errors += block.errors;
      if (!block.last) progress(counts.lines, counts.errors);  // the caller reports the end
    }
  };

  // The parked block that is next in line, taken out of `parked`, or null.
  const auto take_next = [&]() -> std::unique_ptr<Block> {
    for (auto& b : parked) {
      if (b->sequence == next_to_write) {
        std::unique_ptr<Block> next = std::move(b);
        b = std::move(parked.back());
        parked.pop_back();
        return next;
      }
    }
    return nullptr;
  };

  const auto work = [&] {
    for (;;) {
      std::unique_ptr<Block> block;
      {
        std::unique_lock<std::mutex> lock(state_mutex);
        block_freed.wait(lock, [&] { return !free_blocks.empty() || blocks < max_blocks; });
        if (free_blocks.empty()) {
          block = std::make_unique<Block>();
          ++blocks;
        } else {
          block = std::move(free_blocks.back());
          free_blocks.pop_back();
        }
      }
      bool have_block = false;
      {
        const std::lock_guard<std::mutex> lock(read_mutex);
        // Once output is lost, evaluating the rest of the input is wasted work.
        if (!write_failed.load(std::memory_order_relaxed) && reader.Next(*block)) {
          block->sequence = next_sequence++;
          have_block = true;
        }
      }
      if (!have_block) {
        const std::lock_guard<std::mutex> lock(state_mutex);
        free_blocks.push_back(std::move(block));
        block_freed.notify_one();  // one block freed: one waiter can go on
        return;
      }
      block->out.clear();
      block->errors = 0;
      for (const Block::Line& line : block->lines) {
        // A UTF-8 byte order mark before the first line is skipped (docs/cli.md), as for one document.
        std::string_view text = line.text;
        if (line.number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
        const ErrorCode code =
            line.skipped_bytes > 0
                ? engine.RunSkippedToDocument(operation, line.skipped_bytes, block->out, line.number)
                : engine.RunToDocument(operation, text, block->out, line.number);
        if (code != ErrorCode::kOk) ++block->errors;
        block->out += '\n';
      }
      std::unique_lock<std::mutex> lock(state_mutex);
      parked.push_back(std::move(block));
      if (writing) continue;  // the writer takes this block in its turn
      writing = true;
      while (std::unique_ptr<Block> next = take_next()) {
        lock.unlock();
        write_block(*next);
        lock.lock();
        ++next_to_write;
        free_blocks.push_back(std::move(next));
        block_freed.notify_one();  // one block freed: one waiter can go on
      }
      writing = false;
    }
  };

  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
    for (std::thread& w : workers) w.join();
  }

  counts.read_errno = reader.read_errno();
  return counts;
}

}  // namespace sqp::cli
