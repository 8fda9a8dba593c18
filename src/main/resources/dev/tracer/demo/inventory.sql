-- The demo backend's database: what it reads on every GET /api/data.
create table product (
  sku varchar(16) primary key,
  name varchar(64) not null,
  price_eur decimal(10, 2) not null,
  stock int not null
);

insert into product (sku, name, price_eur, stock) values
  ('TR-001', 'Trace lantern', 24.90, 12),
  ('TR-002', 'Span ruler', 9.50, 40),
  ('TR-003', 'Parent hook', 4.20, 0),
  ('TR-004', 'Context carrier', 17.00, 3);
