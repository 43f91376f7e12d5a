// Huge-page blocks for HugePageAllocator (huge_pages.hpp): the system calls stay out of the header.
#include "core/huge_pages.hpp"

#include <cstddef>

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mf::detail {

bool huge_pages_mapped() noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    return true;
#else
    return false;
#endif
}

void* map_huge_pages(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Mapped a huge page longer than asked, then trimmed to a huge-page boundary at both ends.
    void* raw = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    auto* base = static_cast<std::byte*>(raw);
    const size_t lead = (kHugePage - reinterpret_cast<uintptr_t>(base) % kHugePage) % kHugePage;
    if (lead > 0)
        munmap(base, lead);
    munmap(base + lead + bytes, kHugePage - lead);
    madvise(base + lead, bytes, MADV_HUGEPAGE);  // a hint; ignored where huge pages are off
    return base + lead;
#else
    (void)bytes;
    throw std::bad_alloc();
#endif
}

void unmap_huge_pages(void* block, size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    munmap(block, bytes);
#else
    (void)block;
    (void)bytes;
#endif
}

}  // namespace mf::detail
