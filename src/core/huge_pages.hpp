// An allocator for big, short-lived-to-build tables (the cash matcher's index of a million invoices): blocks
// of 8 MiB and more are mapped on their own and marked for transparent huge pages (madvise), so filling them
// takes one page fault per 2 MiB instead of one per 4 KiB. Where the kernel gives no huge pages (THP off, or
// not Linux), the hint is ignored and the memory is ordinary. Smaller blocks come from operator new.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mf {

template <class T>
struct HugePageAllocator {
    using value_type = T;
    static constexpr size_t kHugePage = size_t{2} << 20;
    static constexpr size_t kMappedFrom = size_t{8} << 20;

    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}

    T* allocate(size_t n) {
        if (n > static_cast<size_t>(-1) / sizeof(T))
            throw std::bad_array_new_length();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (const size_t bytes = mapped_bytes(n); bytes > 0) {
            // Mapped a huge page longer than asked, then trimmed to a huge-page boundary at both ends.
            void* raw =
                mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (raw == MAP_FAILED)
                throw std::bad_alloc();
            auto* base = static_cast<std::byte*>(raw);
            const size_t lead = (kHugePage - reinterpret_cast<uintptr_t>(base) % kHugePage) % kHugePage;
            if (lead > 0)
                munmap(base, lead);
            munmap(base + lead + bytes, kHugePage - lead);
            madvise(base + lead, bytes, MADV_HUGEPAGE);  // a hint; ignored where huge pages are off
            return reinterpret_cast<T*>(base + lead);
        }
#endif
        return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
    }

    void deallocate(T* p, size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (const size_t bytes = mapped_bytes(n); bytes > 0) {
            munmap(p, bytes);
            return;
        }
#endif
        ::operator delete (p, std::align_val_t{alignof(T)});
    }

    template <class U>
    bool operator==(const HugePageAllocator<U>&) const {
        return true;
    }

  private:
    // The length mapped for `n` elements, whole huge pages; 0 for blocks left to operator new.
    static size_t mapped_bytes(size_t n) {
        const size_t bytes = n * sizeof(T);
        return bytes < kMappedFrom ? 0 : (bytes + kHugePage - 1) / kHugePage * kHugePage;
    }
};

}  // namespace mf
