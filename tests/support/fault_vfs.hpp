// An injected I/O fault for SQLite books: a VFS wrapping the default one, registered as the default so every
// connection the store opens afterwards goes through it, that makes writes (and optionally fsyncs) fail as a
// full disk does (SQLITE_FULL) once armed, or after a given number of bytes have been written. Reads, locks
// and the WAL index pass through untouched. Disarmed it changes nothing. Thread-safety: the fault state is
// atomic; install() once per process.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace mf::testing {

class FaultVfs {
  public:
    enum class Mode { off, full, full_after_bytes, sync_fails };

    // Registers the wrapper as the default VFS (once): books opened from now on use it.
    static void install() {
        static std::once_flag once;
        std::call_once(once, [] {
            sqlite3_initialize();
            real_ = sqlite3_vfs_find(nullptr);
            vfs_ = *real_;
            vfs_.zName = "mf_fault";
            vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
            vfs_.pAppData = nullptr;
            vfs_.xOpen = open;
            sqlite3_vfs_register(&vfs_, 1);
        });
    }

    // Writes fail from now on (full), after `bytes` more bytes (full_after_bytes), or every fsync fails.
    static void arm(Mode mode, int64_t bytes = 0) {
        budget_.store(bytes);
        failures_.store(0);
        mode_.store(mode);
    }
    static void disarm() { mode_.store(Mode::off); }
    static int64_t failures() { return failures_.load(); }  // writes and syncs refused since arm()

  private:
    struct File {
        sqlite3_file base;
        sqlite3_file* real;  // the real VFS's file, allocated right after this struct
    };
    static sqlite3_file* real(sqlite3_file* file) { return reinterpret_cast<File*>(file)->real; }

    static bool write_fails(int amount) {
        switch (mode_.load()) {
            case Mode::full:
                break;
            case Mode::full_after_bytes:
                if (budget_.fetch_sub(amount) >= amount)
                    return false;
                budget_.store(0);
                break;
            default:
                return false;
        }
        ++failures_;
        return true;
    }

    static int open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
        auto* wrapper = reinterpret_cast<File*>(file);
        wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
        wrapper->base.pMethods = nullptr;
        const int rc = real_->xOpen(real_, name, wrapper->real, flags, out_flags);
        if (rc == SQLITE_OK && wrapper->real->pMethods != nullptr)
            wrapper->base.pMethods = methods(wrapper->real->pMethods->iVersion);
        return rc;
    }

    static const sqlite3_io_methods* methods(int version) {
        static sqlite3_io_methods table[4];
        static std::once_flag once;
        std::call_once(once, [] {
            for (int v = 1; v <= 3; ++v) {
                auto& m = table[v];
                m.iVersion = v;
                m.xClose = [](sqlite3_file* f) {
                    const int rc = real(f)->pMethods->xClose(real(f));
                    return rc;
                };
                m.xRead = [](sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
                    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
                };
                m.xWrite = [](sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
                    if (write_fails(amount))
                        return SQLITE_FULL;
                    return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
                };
                m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
                    return real(f)->pMethods->xTruncate(real(f), size);
                };
                m.xSync = [](sqlite3_file* f, int flags) {
                    if (mode_.load() == Mode::sync_fails || mode_.load() == Mode::full) {
                        ++failures_;
                        return SQLITE_IOERR_FSYNC;
                    }
                    return real(f)->pMethods->xSync(real(f), flags);
                };
                m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
                    return real(f)->pMethods->xFileSize(real(f), size);
                };
                m.xLock = [](sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); };
                m.xUnlock = [](sqlite3_file* f, int lock) {
                    return real(f)->pMethods->xUnlock(real(f), lock);
                };
                m.xCheckReservedLock = [](sqlite3_file* f, int* out) {
                    return real(f)->pMethods->xCheckReservedLock(real(f), out);
                };
                m.xFileControl = [](sqlite3_file* f, int op, void* arg) {
                    return real(f)->pMethods->xFileControl(real(f), op, arg);
                };
                m.xSectorSize = [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); };
                m.xDeviceCharacteristics = [](sqlite3_file* f) {
                    return real(f)->pMethods->xDeviceCharacteristics(real(f));
                };
                if (v >= 2) {
                    m.xShmMap = [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
                        return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
                    };
                    m.xShmLock = [](sqlite3_file* f, int offset, int n, int flags) {
                        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
                    };
                    m.xShmBarrier = [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); };
                    m.xShmUnmap = [](sqlite3_file* f, int remove) {
                        return real(f)->pMethods->xShmUnmap(real(f), remove);
                    };
                }
                if (v >= 3) {
                    // No memory-mapped I/O through the wrapper: every page goes through xRead/xWrite.
                    m.xFetch = [](sqlite3_file*, sqlite3_int64, int, void** out) {
                        *out = nullptr;
                        return SQLITE_OK;
                    };
                    m.xUnfetch = [](sqlite3_file* f, sqlite3_int64 offset, void* page) {
                        return real(f)->pMethods->xUnfetch(real(f), offset, page);
                    };
                }
            }
        });
        return &table[version < 1 ? 1 : (version > 3 ? 3 : version)];
    }

    static inline sqlite3_vfs* real_ = nullptr;
    static inline sqlite3_vfs vfs_{};
    static inline std::atomic<Mode> mode_{Mode::off};
    static inline std::atomic<int64_t> budget_{0};
    static inline std::atomic<int64_t> failures_{0};
};

}  // namespace mf::testing
