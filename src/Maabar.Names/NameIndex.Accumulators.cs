namespace Maabar.Names;

// The accumulator table: per candidate name, the bound's sums while a search reads postings.
public sealed partial class NameIndex
{
    /// <summary>
    /// The accumulators of one search, by name: an open-addressing table the size of what the search reads
    /// (a few thousand names, kept in the processor's caches) rather than an array over every indexed name,
    /// where each posting would be a miss to memory. Names come back in the order they were first added.
    /// </summary>
    private sealed class AccumulatorTable
    {
        private Slot[] slots = new Slot[1024];
        private int[] order = new int[512];
        private int count;
        private int shift = 32 - 10;

        public int Count => count;

        public int NameAt(int i) => slots[order[i]].Name - 1;

        public ref Accumulator ValueAt(int i) => ref slots[order[i]].Value;

        /// <summary>The accumulator of <paramref name="name"/>, added (zero) on first use.</summary>
        public ref Accumulator For(int name)
        {
            int key = name + 1;
            int mask = slots.Length - 1;
            int i = Home(key);
            while (true)
            {
                ref Slot slot = ref slots[i];
                if (slot.Name == key)
                {
                    return ref slot.Value;
                }

                if (slot.Name == 0)
                {
                    if ((count + 1) * 2 > slots.Length)
                    {
                        Grow();
                        return ref For(name);
                    }

                    slot.Name = key;
                    if (count == order.Length)
                    {
                        Array.Resize(ref order, count * 2);
                    }

                    order[count++] = i;
                    return ref slot.Value;
                }

                i = (i + 1) & mask;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < count; i++)
            {
                slots[order[i]] = default;
            }

            count = 0;
        }

        private void Grow()
        {
            Slot[] old = slots;
            int[] oldOrder = order[..count];
            slots = new Slot[old.Length * 2];
            shift--;
            int mask = slots.Length - 1;
            count = 0;
            foreach (int position in oldOrder)
            {
                Slot moved = old[position];
                int i = Home(moved.Name);
                while (slots[i].Name != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = moved;
                order[count++] = i;
            }
        }

        // Fibonacci hashing: the top bits of the product, as many as the table's size needs.
        private int Home(int key) => (int)(((uint)key * 2654435769u) >> shift);

        private struct Slot
        {
            public int Name;
            public Accumulator Value;
        }
    }

    private struct Accumulator
    {
        public float Gain;
        public float Query;
        public float Listed;
        public float QueryCut;
        public float ListedCut;
    }
}
