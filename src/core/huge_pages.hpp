// An allocator for big tables built once (the cash matcher's index of a million invoices): blocks of 8 MiB
// and more are mapped on their own and marked for transparent huge pages (madvise), so filling them takes one
// page fault per 2 MiB instead of one per 4 KiB. Where the kernel gives no huge pages (THP off), the hint is
// ignored and the memory is ordinary; off Linux every block comes from operator new.
#pragma once

#include <cstddef>
#include <new>

namespace mf {
namespace detail {

inline constexpr size_t kHugePage = size_t{2} << 20;
inline constexpr size_t kHugePagesFrom = size_t{8} << 20;
// Whether big blocks are mapped on their own here (Linux with madvise); where not, all come from operator
// new.
bool huge_pages_mapped() noexcept;
// `bytes` is a whole number of huge pages; throws std::bad_alloc when the system has none to give.
void* map_huge_pages(size_t bytes);
void unmap_huge_pages(void* block, size_t bytes) noexcept;

}  // namespace detail

template <class T>
struct HugePageAllocator {
    using value_type = T;

    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}

    T* allocate(size_t n) {
        if (n > (static_cast<size_t>(-1) - 2 * detail::kHugePage) / sizeof(T))
            throw std::bad_array_new_length();
        if (const size_t bytes = mapped_bytes(n); bytes > 0 && detail::huge_pages_mapped())
            return static_cast<T*>(detail::map_huge_pages(bytes));
        return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
    }

    void deallocate(T* p, size_t n) noexcept {
        if (const size_t bytes = mapped_bytes(n); bytes > 0 && detail::huge_pages_mapped()) {
            detail::unmap_huge_pages(p, bytes);
            return;
        }
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
        return bytes < detail::kHugePagesFrom
                   ? 0
                   : (bytes + detail::kHugePage - 1) / detail::kHugePage * detail::kHugePage;
    }
};

}  // namespace mf
